using System.Globalization;
using OpenCts.Application;
using OpenCts.Application.Users;
using OpenCts.Storage.Users;

namespace OpenCts.Server.Auth;

/// <summary>Signing in by name and password for the API and the sign-in page alike, with the moment a name is locked out written to the audit log.</summary>
/// <remarks>
/// Every failed attempt is audited as a request already (<c>POST /api/v1/session</c> or <c>/signin</c>, outcome 401), but
/// without the name tried, so the log could not say which account was being guessed. The lock-out is recorded once, when
/// it begins, naming the account: a flood of attempts on a locked name adds nothing to the log.
/// </remarks>
internal static class SignInAttempts
{
    public const string LockOutAction = "sign-in lock-out";

    public static async Task<UserAccount?> SignInAsync(CtsApplication application, string name, string password, CancellationToken cancellationToken)
    {
        var wasLocked = application.Users.IsLockedOut(name, application.Store.Clock.GetUtcNow());
        var account = await application.Users.SignInAsync(name, password, cancellationToken).ConfigureAwait(false);
        if (account is null && !wasLocked && application.Users.IsLockedOut(name, application.Store.Clock.GetUtcNow()))
        {
            var outcome = string.Create(CultureInfo.InvariantCulture, $"locked for {UserAccounts.LockOut.TotalMinutes:0} minutes after {UserAccounts.MaxFailures} failed sign-ins");
            // Recorded whatever becomes of the request: the client may hang up on its 401.
            await application.Audit.RecordAsync("anonymous", LockOutAction, "user=" + name, outcome, CancellationToken.None).ConfigureAwait(false);
        }
        return account;
    }
}
