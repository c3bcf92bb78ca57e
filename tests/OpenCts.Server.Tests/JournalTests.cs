using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenCts.Storage;

namespace OpenCts.Server.Tests;

/// <summary>Decisions, user accounts and audit entries are journaled: each has a pending ledger leaf and reads back as the bytes the ledger commits to.</summary>
[Collection(ServerCollection.Name)]
public sealed class JournalTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADecisionAndItsAuditEntryAreJournaledAndReadBackCanonically()
    {
        using var postnl = server.As("postnl");
        using var tom = server.As("tom");
        var receipt = await (await postnl.PostAsync("/api/v1/messages", new ByteArrayContent(RedMessages.Waybill(3_200_001, listed: false)), Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var document = receipt.GetProperty("documents")[0].GetString()!;
        var decided = await tom.PostAsync($"/api/v1/consignments/{Uri.EscapeDataString(document)}/decisions", ServerFixture.Json("""{"action":"release"}"""), Token);
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);

        // The test reads the store beside the running server, as a request would.
        var decision = LatestLeaf(RecordKinds.Decision);
        var canonical = Encoding.UTF8.GetString((await server.Application.Store.ReadCanonicalAsync(RecordKinds.Decision, decision, Token))!);
        Assert.Contains($"\n{document}\nrelease\n", canonical, StringComparison.Ordinal);
        Assert.Contains("\ntom\n", canonical, StringComparison.Ordinal);

        var audit = LatestLeaf(RecordKinds.Audit);
        Assert.Contains("POST /api/v1/consignments/{document}/decisions", Encoding.UTF8.GetString((await server.Application.Store.ReadCanonicalAsync(RecordKinds.Audit, audit, Token))!), StringComparison.Ordinal);

        var user = LatestLeaf(RecordKinds.User);
        var account = Encoding.UTF8.GetString((await server.Application.Store.ReadCanonicalAsync(RecordKinds.User, user, Token))!);
        // The ledger commits to who has which role and credential kind, never to a hash.
        Assert.DoesNotContain("pbkdf2", account, StringComparison.Ordinal);
    }

    private string LatestLeaf(string kind)
    {
        using var command = server.Store.Connection.CreateCommand();
        command.CommandText = "SELECT record_id FROM ledger_pending WHERE record_kind = $k ORDER BY rowid DESC LIMIT 1";
        command.Parameters.AddWithValue("$k", kind);
        return Assert.IsType<string>(command.ExecuteScalar());
    }
}
