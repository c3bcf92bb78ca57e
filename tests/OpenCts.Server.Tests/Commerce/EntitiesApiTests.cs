using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenCts.Server.Tests.Commerce;

/// <summary>The entity endpoints against a running server over the samples: reading, links, merge, split, masking, audit and CSRF.</summary>
[Collection(ServerCollection.Name)]
public sealed class EntitiesApiTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A sample consignment with at least two linked parties, and its links.</summary>
    private async Task<(string Document, JsonElement Links)> ConsignmentWithPartiesAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/consignments?pageSize=200", Token);
        foreach (var row in page.GetProperty("items").EnumerateArray())
        {
            var document = row.GetProperty("document").GetString()!;
            var links = await client.GetFromJsonAsync<JsonElement>($"/api/v1/consignments/{Uri.EscapeDataString(document)}/entities", Token);
            if (links.GetArrayLength() >= 2 && links.EnumerateArray().Select(l => l.GetProperty("entityId").GetString()).Distinct().Count() >= 2)
            {
                return (document, links);
            }
        }
        throw new InvalidOperationException("no sample consignment has two linked parties");
    }

    [Fact]
    public async Task A_consignments_parties_name_their_entities_and_why_they_were_linked()
    {
        using var tom = server.As("tom");
        var (_, links) = await ConsignmentWithPartiesAsync(tom);
        foreach (var link in links.EnumerateArray())
        {
            Assert.Matches("^E-\\d+$", link.GetProperty("entityId").GetString());
            Assert.NotEmpty(link.GetProperty("reasons").EnumerateArray());
            Assert.Contains(link.GetProperty("role").GetString(), new[] { "Consignor", "Consignee", "NotifyParty" });
        }
    }

    [Fact]
    public async Task An_entity_is_read_with_its_records_and_an_unknown_one_is_404()
    {
        using var tom = server.As("tom");
        var (document, links) = await ConsignmentWithPartiesAsync(tom);
        var id = links[0].GetProperty("entityId").GetString()!;
        var entity = await tom.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}", Token);
        Assert.Equal(id, entity.GetProperty("id").GetString());
        Assert.True(entity.GetProperty("consignments").GetInt32() >= 1);
        Assert.Contains(entity.GetProperty("records").EnumerateArray(), r => r.GetProperty("documentKey").GetString() == document);
        Assert.False(entity.GetProperty("masked").GetBoolean());
        Assert.Contains(links[0].GetProperty("name").GetString(), entity.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        using var unknown = await tom.GetAsync("/api/v1/entities/E-999999999", Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("eve")]
    [InlineData("aud")]
    public async Task An_examiner_or_auditor_reads_the_entity_masked_and_the_read_is_audited(string who)
    {
        using var tom = server.As("tom");
        var (document, links) = await ConsignmentWithPartiesAsync(tom);
        var id = links[0].GetProperty("entityId").GetString()!;
        var clear = await tom.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}", Token);
        using var officer = server.As(who);
        var masked = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}", Token);
        Assert.True(masked.GetProperty("masked").GetBoolean());
        var clearName = clear.GetProperty("records")[0].GetProperty("name").GetString()!;
        var maskedName = masked.GetProperty("records")[0].GetProperty("name").GetString()!;
        Assert.Equal(clearName.Length, maskedName.Length);
        Assert.Contains('•', maskedName);
        Assert.DoesNotContain(masked.GetProperty("nameVariants").EnumerateArray(), n => n.GetString()!.Length > 1 && !n.GetString()!.Contains('•'));
        var maskedLinks = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/consignments/{Uri.EscapeDataString(document)}/entities", Token);
        Assert.Contains('•', maskedLinks[0].GetProperty("name").GetString()!);

        using var auditor = server.As("aud");
        var audit = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=500", Token);
        Assert.Contains(audit.EnumerateArray(), e =>
            e.GetProperty("actor").GetString() == who && e.GetProperty("action").GetString() == "read GET /api/v1/entities/{id}"
            && e.GetProperty("target").GetString() == "entity=" + id && e.GetProperty("outcome").GetString() == "masked");
    }

    [Fact]
    public async Task An_analyst_merges_two_entities_then_splits_a_record_back_off_and_a_bad_split_is_refused()
    {
        using var ana = server.As("ana");
        var (document, links) = await ConsignmentWithPartiesAsync(ana);
        var ids = links.EnumerateArray().Select(l => l.GetProperty("entityId").GetString()!).Distinct().ToList();
        var (keep, other) = (ids[0], ids[1]);
        var otherRole = links.EnumerateArray().First(l => l.GetProperty("entityId").GetString() == other).GetProperty("role").GetString()!;

        using var merged = await ana.PostAsync($"/api/v1/entities/{keep}/merge", ServerFixture.Json($$"""{"other":"{{other}}","reason":"test: the same trader on both ends"}"""), Token);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var change = await merged.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(keep, change.GetProperty("entityId").GetString());
        Assert.True(change.GetProperty("recordsMoved").GetInt32() >= 1);
        var after = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/consignments/{Uri.EscapeDataString(document)}/entities", Token);
        Assert.Equal(keep, after.EnumerateArray().First(l => l.GetProperty("role").GetString() == otherRole).GetProperty("entityId").GetString());

        using var unknown = await ana.PostAsync($"/api/v1/entities/{keep}/merge", ServerFixture.Json("""{"other":"E-999999999","reason":"no such entity"}"""), Token);
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);

        using var split = await ana.PostAsync($"/api/v1/entities/{keep}/split",
            ServerFixture.Json($$"""{"records":[{"documentKey":"{{document}}","role":"{{otherRole}}"}],"reason":"test: different traders after all"}"""), Token);
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        var made = (await split.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("entityId").GetString()!;
        Assert.NotEqual(keep, made);
        var links2 = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/consignments/{Uri.EscapeDataString(document)}/entities", Token);
        Assert.Equal(made, links2.EnumerateArray().First(l => l.GetProperty("role").GetString() == otherRole).GetProperty("entityId").GetString());
        Assert.Contains(links2.EnumerateArray().First(l => l.GetProperty("role").GetString() == otherRole).GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("split", StringComparison.Ordinal));

        // The new entity's only record cannot be split off: that would take every record.
        using var all = await ana.PostAsync($"/api/v1/entities/{made}/split",
            ServerFixture.Json($$"""{"records":[{"documentKey":"{{document}}","role":"{{otherRole}}"}],"reason":"all of it"}"""), Token);
        Assert.Equal(HttpStatusCode.Conflict, all.StatusCode);
        using var badRole = await ana.PostAsync($"/api/v1/entities/{made}/split",
            ServerFixture.Json($$"""{"records":[{"documentKey":"{{document}}","role":"Captain"}],"reason":"x"}"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal("records[0].role", (await badRole.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
        using var noReason = await ana.PostAsync($"/api/v1/entities/{keep}/merge", ServerFixture.Json($$"""{"other":"{{made}}"}"""), Token);
        Assert.Equal("reason", (await noReason.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());

        using var auditor = server.As("aud");
        var audit = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=500", Token);
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("actor").GetString() == "ana" && e.GetProperty("action").GetString() == "entity-split");
    }

    [Fact]
    public async Task An_examiner_may_not_merge_and_a_cookie_merge_without_the_antiforgery_token_is_refused()
    {
        using var eve = server.As("eve");
        using var refused = await eve.PostAsync("/api/v1/entities/E-000001/merge", ServerFixture.Json("""{"other":"E-000002","reason":"x"}"""), Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var name = "entity-analyst-" + Guid.NewGuid().ToString("N")[..6];
        var password = (await server.UseStoreAsync(a => a.Users.AddAsync(name, "analyst", apiKey: false, "test", Token))).Secret;
        using var browser = server.WithCookies();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"{{name}}","password":"{{password}}"}"""), Token)).StatusCode);
        using var forged = await browser.PostAsync("/api/v1/entities/E-000001/merge", ServerFixture.Json("""{"other":"E-000002","reason":"forged"}"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(Token), StringComparison.OrdinalIgnoreCase);
    }
}
