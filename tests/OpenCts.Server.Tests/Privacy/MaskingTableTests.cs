using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenCts.Application.Privacy;
using OpenCts.Application.Users;
using OpenCts.Tests.Shared;

namespace OpenCts.Server.Tests.Privacy;

/// <summary>
/// The table "Who sees names unmasked" of docs/SECURITY.md, read from the document and walked role by role over the
/// consignment read and the entity read of a running server: the table and the server must agree on every row.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class MaskingTableTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>One row of the table: whether the role reads consignments, and whether it sees them unmasked (null: not applicable).</summary>
    private sealed record Row(string Role, bool Reads, bool? Unmasked);

    [Fact]
    public async Task Every_role_reads_a_consignment_and_an_entity_masked_or_unmasked_as_the_security_documents_table_says()
    {
        var rows = TableRows();
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), rows.Select(r => r.Role).Order(StringComparer.Ordinal));
        using var tom = server.As("tom");
        var (document, name, entity) = await PartyWithEntityAsync(tom);
        var mask = PersonalDataMask.Mask(name);
        Assert.NotEqual(name, mask);

        foreach (var row in rows)
        {
            var user = ServerFixture.People.First(p => p.Role == row.Role).Name;
            using var client = server.As(user);
            using var detail = await client.GetAsync($"/api/v1/consignments/{Uri.EscapeDataString(document)}", Token);
            using var entityRead = await client.GetAsync($"/api/v1/entities/{entity}", Token);
            if (!row.Reads)
            {
                Assert.True(detail.StatusCode == HttpStatusCode.Forbidden, $"{row.Role} read the consignment: {detail.StatusCode}");
                Assert.True(entityRead.StatusCode == HttpStatusCode.Forbidden, $"{row.Role} read the entity: {entityRead.StatusCode}");
                continue;
            }
            Assert.True(detail.IsSuccessStatusCode, $"{row.Role}: {detail.StatusCode}");
            Assert.True(entityRead.IsSuccessStatusCode, $"{row.Role}: {entityRead.StatusCode}");
            var parties = (await detail.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("versions").EnumerateArray().Last()
                .GetProperty("consignment").GetProperty("parties").GetRawText();
            var read = await entityRead.Content.ReadFromJsonAsync<JsonElement>(Token);
            var names = read.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
            if (row.Unmasked == true)
            {
                Assert.True(parties.Contains(name, StringComparison.Ordinal), $"{row.Role} should see {name} on the consignment: {parties}");
                Assert.False(read.GetProperty("masked").GetBoolean(), $"{row.Role} got the entity masked");
                Assert.Contains(name, names);
            }
            else
            {
                Assert.False(parties.Contains(name, StringComparison.Ordinal), $"{row.Role} saw {name} on the consignment");
                Assert.True(parties.Contains(mask, StringComparison.Ordinal), $"{row.Role} should see {mask} on the consignment: {parties}");
                Assert.True(read.GetProperty("masked").GetBoolean(), $"{row.Role} got the entity unmasked");
                Assert.DoesNotContain(name, names);
                Assert.Contains(mask, names);
            }
        }
    }

    /// <summary>The rows of the table under "### Who sees names unmasked" in docs/SECURITY.md.</summary>
    private static List<Row> TableRows()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryData.RepositoryRoot, "docs", "SECURITY.md"));
        var heading = Array.IndexOf(lines, "### Who sees names unmasked");
        Assert.True(heading >= 0, "docs/SECURITY.md has no heading \"### Who sees names unmasked\"");
        var rows = new List<Row>();
        foreach (var line in lines.Skip(heading + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries)[1..^1];
            var reads = cells[1] switch
            {
                var c when c.StartsWith("yes", StringComparison.Ordinal) => true,
                "no" or "only its own messages" => false,
                var c => throw new InvalidOperationException($"docs/SECURITY.md: masking table, role {cells[0]}: \"{c}\" is not yes or no"),
            };
            bool? unmasked = cells[2] switch
            {
                "**unmasked**" => true,
                "masked" => false,
                var c when c.StartsWith("n/a", StringComparison.Ordinal) => null,
                var c => throw new InvalidOperationException($"docs/SECURITY.md: masking table, role {cells[0]}: \"{c}\" is not masked or unmasked"),
            };
            Assert.True(reads == unmasked.HasValue, $"docs/SECURITY.md: masking table, role {cells[0]}: a role that reads must say masked or unmasked");
            rows.Add(new Row(cells[0], reads, unmasked));
        }
        return rows;
    }

    /// <summary>A sample consignment whose first linked party has a name the mask changes, with its entity.</summary>
    private static async Task<(string Document, string Name, string Entity)> PartyWithEntityAsync(HttpClient targeter)
    {
        var page = await targeter.GetFromJsonAsync<JsonElement>("/api/v1/consignments?pageSize=200", Token);
        foreach (var row in page.GetProperty("items").EnumerateArray())
        {
            var document = row.GetProperty("document").GetString()!;
            var links = await targeter.GetFromJsonAsync<JsonElement>($"/api/v1/consignments/{Uri.EscapeDataString(document)}/entities", Token);
            foreach (var link in links.EnumerateArray())
            {
                var name = link.GetProperty("name").GetString()!;
                if (name.Split(' ').Any(w => w.Length > 2))
                {
                    return (document, name, link.GetProperty("entityId").GetString()!);
                }
            }
        }
        throw new InvalidOperationException("no sample consignment has a linked party");
    }
}
