using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Server.Auth;
using OpenCts.Server.Common;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Users;

namespace OpenCts.Server.Users;

/// <summary>Users and the audit log, for admins (and, to read, auditors): <c>/api/v1/users</c>, <c>/api/v1/audit</c>.</summary>
public static class UsersApi
{
    /// <summary>A new user: its name, role, and whether it gets an API key instead of a password.</summary>
    public sealed record UserRequest(string? Name, string? Role, bool ApiKey);

    /// <summary>A user as the API shows it: never a hash.</summary>
    public sealed record UserView(string Name, string Role, bool Disabled, string Credential, string ChangedBy, DateTimeOffset ChangedAt)
    {
        public static UserView Of(UserAccount a) => new(a.Name, a.Role, a.Disabled, a.PasswordHash is not null ? "password" : a.ApiKeyId is not null ? "api-key" : "none", a.ChangedBy, a.ChangedAt);
    }

    /// <summary>A user with the credential it was just given, shown this once.</summary>
    public sealed record IssuedView(UserView User, string? Password, string? ApiKey);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users");
        users.MapGet("", async Task<Ok<IReadOnlyList<UserView>>> (CtsApplication application, CancellationToken cancellationToken) =>
            TypedResults.Ok<IReadOnlyList<UserView>>([.. (await application.Users.ListAsync(cancellationToken).ConfigureAwait(false)).Select(UserView.Of)]))
            .RequireAuthorization(Policies.ReadUsers).WithSummary("Every user.");
        users.MapPost("", async Task<Created<IssuedView>> (CtsApplication application, HttpContext context, UserRequest request, CancellationToken cancellationToken) =>
        {
            var issued = await application.Users.AddAsync(request.Name ?? "", request.Role ?? "", request.ApiKey, CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false);
            return TypedResults.Created($"/api/v1/users/{Uri.EscapeDataString(issued.Account.Name)}", Issued(issued));
        }).RequireAuthorization(Policies.ManageUsers).WithSummary("Creates a user and shows its one-time password or API key, once.");
        users.MapPost("/{name}/disable", async Task<Ok<UserView>> (CtsApplication application, HttpContext context, string name, CancellationToken cancellationToken) =>
            TypedResults.Ok(UserView.Of(await application.Users.DisableAsync(name, CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false))))
            .RequireAuthorization(Policies.ManageUsers).WithSummary("Disables a user.");
        users.MapPost("/{name}/reset", async Task<Ok<IssuedView>> (CtsApplication application, HttpContext context, string name, CancellationToken cancellationToken) =>
            TypedResults.Ok(Issued(await application.Users.ResetAsync(name, CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false))))
            .RequireAuthorization(Policies.ManageUsers).WithSummary("Issues a new password or API key, shown once, and enables the user.");
        app.MapGet("/api/v1/audit", async Task<Ok<IReadOnlyList<AuditEntry>>> (CtsApplication application, int? limit, CancellationToken cancellationToken) =>
            {
                var (_, size) = Paging.Of(1, limit ?? 100);
                return TypedResults.Ok(await application.Audit.LatestAsync(size, cancellationToken).ConfigureAwait(false));
            })
            .RequireAuthorization(Policies.ReadUsers).WithTags("Audit").WithSummary("The latest actions, newest first: who, what, on what, when, and the answer.");
        return app;
    }

    private static IssuedView Issued(OpenCts.Application.Users.IssuedCredential issued) =>
        new(UserView.Of(issued.Account), issued.Account.PasswordHash is not null ? issued.Secret : null, issued.Account.ApiKeyId is not null ? issued.Secret : null);
}
