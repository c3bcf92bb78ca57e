using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenCts.Application.Lists;

namespace OpenCts.Server.Tests.Abuse;

/// <summary>Path traversal in every parameter that names a file or could reach one: upload and message file names, route keys, static assets, and list addresses the server downloads to a file.</summary>
[Collection(ServerCollection.Name)]
public sealed class PathTraversalTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("../../../../../../{0}/evil.csv")]
    [InlineData("..%2F..%2F..%2F..%2F{0}%2Fevil.csv")]
    [InlineData("/{0}/evil.csv")]
    public async Task A_watch_list_upload_named_with_a_path_is_written_only_as_a_name_in_its_own_temporary_folder(string file)
    {
        var outside = Path.Combine(server.Directory, "traversal-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outside);
        var url = "/api/v1/watchlists?file=" + string.Format(System.Globalization.CultureInfo.InvariantCulture, file, outside.TrimStart('/'));
        var list = "list,id,kind,name,aliases,addresses,countries,identifiers,programs,remarks\nabuse-traversal,T-1,organisation,Traversal Test Trading,,,AE,,national:test,\n";
        using var sue = server.As("sue");
        using var response = await sue.PostAsync(url, new ByteArrayContent(Encoding.UTF8.GetBytes(list)), Token);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
        Assert.Empty(Directory.GetFiles(outside));
    }

    [Fact]
    public async Task A_message_file_name_with_a_path_is_kept_as_its_last_part_only()
    {
        using var postnl = server.As("postnl");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = new StringContent("UNH+1+CUSCAR:D:95B:UN'BGM+85+X+9'", Encoding.ASCII) };
        request.Headers.Add("X-File-Name", "../../../../etc/cron.d/evil.edi");
        using var response = await postnl.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString()!;
        Assert.StartsWith("evil.edi", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("..", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/consignments/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/consignments/%2E%2E%2F%2E%2E%2Fcts.db")]
    [InlineData("/api/v1/profiles/..%2F..%2Fcts.db")]
    [InlineData("/api/v1/reports/profiles/..%2F..%2Fcts.db")]
    public async Task A_route_key_with_a_path_is_404_and_reads_no_file(string url)
    {
        using var aud = server.As("aud");
        using var response = await aud.GetAsync(url, Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertNoFileContent(await response.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/css/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/lib/%2E%2E/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("/js/..%5C..%5C..%5Cetc%5Cpasswd")]
    [InlineData("/css/..%2F..%2Fcts.db")]
    public async Task A_static_asset_path_that_climbs_out_is_not_served(string url)
    {
        using var anonymous = server.Anonymous();
        using var response = await anonymous.GetAsync(url, Token);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{url}: {response.StatusCode}");
        AssertNoFileContent(await response.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("https://lists.example/..%2F..%2F..%2Fetc%2Fcron.d%2Fevil")]
    [InlineData("https://lists.example/..%5C..%5Cevil.csv")]
    [InlineData("https://lists.example/%2E%2E")]
    [InlineData("file:///etc/passwd")]
    public void A_list_address_whose_file_name_is_a_path_is_refused_before_anything_is_downloaded(string address) =>
        Assert.Throws<ArgumentException>(() => WatchlistUpdate.FileNameFor(new Uri(address)));

    [Fact]
    public async Task An_entry_added_to_a_list_named_like_a_path_creates_no_file()
    {
        var before = Directory.GetFileSystemEntries(server.Directory).Length;
        using var sue = server.As("sue");
        using var response = await sue.PostAsync("/api/v1/watchlists/..%2F..%2Fabuse-list/entries", ServerFixture.Json("""{"id":"P-1","kind":"organisation","name":"Path Trading"}"""), Token);
        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}");
        Assert.Equal(before, Directory.GetFileSystemEntries(server.Directory).Length);
        Assert.False(File.Exists(Path.Combine(server.Directory, "..", "abuse-list")));
    }

    private static void AssertNoFileContent(string body)
    {
        Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite format", body, StringComparison.Ordinal);
    }
}
