using System.Net.Http.Json;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenCts.Application.Users;

namespace OpenCts.Server.Tests;

/// <summary>Every endpoint the server maps, asked by every role and by nobody, against the table of who may do what.</summary>
[Collection(ServerCollection.Name)]
public sealed class RoleMatrixTests(ServerFixture server)
{
    private const string Open = "open";

    private static readonly string[] Officers = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Examiner, Roles.Auditor];

    /// <summary>Who may call each endpoint: <see cref="Open"/> for everybody, else the roles. Any endpoint missing here fails the test.</summary>
    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = [Open],
        ["GET /metrics"] = [Open],
        ["GET /openapi/{documentName}.json"] = [Open],
        ["GET /scalar/{documentName?}"] = [Open],
        ["GET /scalar/scalar.js"] = [Open],
        ["GET /scalar/scalar.aspnetcore.js"] = [Open],
        ["GET /scalar/favicon.svg"] = [Open],
        ["POST /api/v1/session"] = [Open],
        ["GET /api/v1/session"] = [.. Roles.All],
        ["DELETE /api/v1/session"] = [.. Roles.All],
        ["POST /api/v1/session/password"] = [.. Roles.All],
        ["POST /api/v1/messages"] = [Roles.Submitter],
        ["GET /api/v1/messages/{id:long}"] = [Roles.Submitter, .. Officers],
        ["GET /api/v1/consignments"] = Officers,
        ["GET /api/v1/consignments/{document}"] = Officers,
        ["POST /api/v1/consignments/{document}/decisions"] = [Roles.Targeter],
        ["POST /api/v1/consignments/{document}/unmask"] = Officers,
        ["GET /api/v1/consignments/{document}/entities"] = Officers,
        ["GET /api/v1/entities/{id}"] = Officers,
        ["POST /api/v1/entities/{id}/merge"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor],
        ["POST /api/v1/entities/{id}/split"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor],
        ["POST /api/v1/platform-orders"] = [Roles.Submitter],
        ["POST /api/v1/examinations"] = [Roles.Examiner],
        ["GET /api/v1/alerts"] = [Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["GET /api/v1/profiles"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["GET /api/v1/profiles/{id}"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["POST /api/v1/profiles"] = [Roles.Analyst, Roles.Supervisor],
        ["POST /api/v1/profiles/{id}/submit"] = [Roles.Analyst, Roles.Supervisor],
        ["POST /api/v1/profiles/{id}/approve"] = [Roles.Supervisor],
        ["POST /api/v1/profiles/{id}/reject"] = [Roles.Supervisor],
        ["POST /api/v1/profiles/{id}/retire"] = [Roles.Supervisor],
        ["POST /api/v1/profiles/{id}/backtest"] = [Roles.Analyst, Roles.Supervisor],
        ["POST /api/v1/profiles/compile"] = [Roles.Analyst, Roles.Supervisor],
        ["GET /api/v1/reports/profiles"] = [Roles.Supervisor, Roles.Auditor],
        ["GET /api/v1/reports/profiles/{id}"] = [Roles.Supervisor, Roles.Auditor],
        ["GET /api/v1/reports/volumes"] = [Roles.Supervisor, Roles.Auditor],
        ["GET /api/v1/reports/threats"] = [Roles.Supervisor, Roles.Auditor],
        ["GET /api/v1/reports/model"] = [Roles.Supervisor, Roles.Auditor],
        ["GET /api/v1/watchlists"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["POST /api/v1/watchlists"] = [Roles.Analyst, Roles.Supervisor],
        ["POST /api/v1/watchlists/refresh"] = [Roles.Analyst, Roles.Supervisor],
        ["GET /api/v1/watchlists/entries"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["POST /api/v1/watchlists/{list}/entries"] = [Roles.Analyst, Roles.Supervisor],
        ["GET /api/v1/watchlists/allow-list"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["POST /api/v1/watchlists/allow-list/requests"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor],
        ["POST /api/v1/watchlists/allow-list/requests/{id:long}/approve"] = [Roles.Supervisor],
        ["POST /api/v1/watchlists/allow-list/requests/{id:long}/refuse"] = [Roles.Supervisor],
        ["GET /api/v1/users"] = [Roles.Admin, Roles.Auditor],
        ["POST /api/v1/users"] = [Roles.Admin],
        ["POST /api/v1/users/{name}/disable"] = [Roles.Admin],
        ["POST /api/v1/users/{name}/reset"] = [Roles.Admin],
        ["GET /api/v1/audit"] = [Roles.Admin, Roles.Auditor],
        ["GET /api/v1/examinations/mine"] = [Roles.Examiner],
        ["GET /api/v1/subscriptions"] = [Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["POST /api/v1/subscriptions"] = [Roles.Targeter, Roles.Supervisor],
        ["DELETE /api/v1/subscriptions/{id:long}"] = [Roles.Targeter, Roles.Supervisor],
        ["PUT /api/v1/callbacks"] = [Roles.Submitter],
        ["GET /api/v1/callbacks"] = [Roles.Submitter],
        ["DELETE /api/v1/callbacks"] = [Roles.Submitter],
        ["GET /api/v1/offices"] = [Roles.Targeter, Roles.Supervisor, Roles.Examiner, Roles.Auditor, Roles.Admin],
        ["PUT /api/v1/offices/{office}"] = [Roles.Supervisor, Roles.Admin],
        // The pages: a stranger is sent to the sign-in page instead of 401.
        ["GET /"] = [.. Roles.All],
        ["GET /signin"] = [Open],
        ["GET /signout"] = [.. Roles.All],
        ["GET /password"] = [.. Roles.All],
        ["GET /profiles"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["GET /profiles/{id}"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["GET /profiles/{id}/effectiveness"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["GET /approvals"] = [Roles.Supervisor],
        ["GET /dashboard"] = [Roles.Supervisor, Roles.Auditor],
        ["GET /watchlists"] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        ["GET /worklist"] = Officers,
        ["GET /consignments/{document}"] = Officers,
        ["GET /entities/{id}"] = Officers,
        ["GET /examinations"] = [Roles.Examiner, Roles.Supervisor, Roles.Auditor],
        ["GET /messages"] = [Roles.Submitter],
        ["GET /subscriptions"] = [Roles.Targeter, Roles.Supervisor],
        ["GET /admin"] = [Roles.Admin, Roles.Auditor],
    };

    /// <summary>Whether a route is a page, which sends a stranger to sign in, rather than part of the API.</summary>
    private static bool IsPage(string key) =>
        !(key.Contains(" /api/", StringComparison.Ordinal) || key.Contains(" /openapi", StringComparison.Ordinal) || key.Contains(" /scalar", StringComparison.Ordinal)
          || key.EndsWith(" /healthz", StringComparison.Ordinal) || key.EndsWith(" /metrics", StringComparison.Ordinal));

    [Fact]
    public async Task EveryEndpointAnswersEveryRoleAndNobodyAsTheMatrixSays()
    {
        var endpoints = Endpoints();
        var missing = endpoints.Select(e => e.Key).Where(k => !Matrix.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "endpoints missing from the role matrix: " + string.Join(", ", missing));
        var gone = Matrix.Keys.Where(k => endpoints.All(e => e.Key != k)).ToList();
        Assert.True(gone.Count == 0, "the role matrix names endpoints the server no longer maps: " + string.Join(", ", gone));

        var wrong = new List<string>();
        foreach (var (key, method, url) in endpoints)
        {
            var allowed = Matrix[key];
            var open = allowed.Contains(Open);
            using (var anonymous = server.Anonymous())
            {
                var status = await AskAsync(anonymous, method, url);
                var refused = IsPage(key) ? 302 : 401;
                if (open ? status is 401 or 403 || (IsPage(key) && status == 302) : status != refused)
                {
                    wrong.Add($"{key} without credentials: {status}, expected {(open ? "an answer" : refused.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
                }
            }
            foreach (var role in Roles.All)
            {
                var name = ServerFixture.People.First(p => p.Role == role).Name;
                using var client = server.As(name);
                var status = await AskAsync(client, method, url);
                var may = open || allowed.Contains(role);
                if (may ? status is 401 or 403 : status != 403)
                {
                    wrong.Add($"{key} as {role}: {status}, expected {(may ? "an answer" : "403")}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task EveryOperationOfTheOpenApiDocumentIsInTheMatrixAndEveryApiEndpointIsDocumented()
    {
        using var anonymous = server.Anonymous();
        var document = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
            }
        }
        // The document writes a route parameter without its constraint: {id:long} is {id} there.
        static string Plain(string key) => System.Text.RegularExpressions.Regex.Replace(key, "\\{([^}:?]+)[^}]*\\}", "{$1}");
        var matrix = Matrix.Keys.Select(Plain).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(documented, d => !matrix.Contains(d));
        var api = Matrix.Keys.Where(k => k.Contains(" /api/", StringComparison.Ordinal)).Select(Plain);
        Assert.DoesNotContain(api, k => !documented.Contains(k));
    }

    [Fact]
    public async Task ARequestWithoutCredentialsIsAnsweredNotRedirected()
    {
        using var anonymous = server.Anonymous();
        using var response = await anonymous.GetAsync("/api/v1/consignments", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task AnUnknownApiKeyIs401()
    {
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "cts_0123456789ab_not-the-secret");
        using var response = await client.GetAsync("/api/v1/consignments", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<int> AskAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        // Headers only: the alert stream never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Every route the server maps, as "METHOD pattern", with a URL that fills its parameters with values naming nothing.</summary>
    private List<(string Key, string Method, string Url)> Endpoints()
    {
        var result = new List<(string, string, string)>();
        foreach (var source in server.App.Services.GetServices<EndpointDataSource>())
        {
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                // A group's own route ("/api/v1/messages" mapped as "") keeps the group's trailing slash in its pattern.
                var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
                var url = pattern;
                foreach (var parameter in endpoint.RoutePattern.Parameters)
                {
                    var value = parameter.Name switch
                    {
                        "documentName" => "v1",
                        "id" when parameter.ParameterPolicies.Any(p => p.Content == "long") => "999999999",
                        _ => "no-such-thing",
                    };
                    url = System.Text.RegularExpressions.Regex.Replace(url, "\\{\\*{0,2}" + parameter.Name + "[^}]*\\}", value);
                }
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                foreach (var method in methods)
                {
                    result.Add(($"{method} {pattern}", method, url));
                }
            }
        }
        return result;
    }
}
