namespace OpenCts.Application.Users;

/// <summary>The roles a user can have; each may do only what its policy allows, and nothing is allowed by default.</summary>
public static class Roles
{
    /// <summary>Writes and backtests draft profiles.</summary>
    public const string Analyst = "analyst";

    /// <summary>Works alerts and decides on consignments.</summary>
    public const string Targeter = "targeter";

    /// <summary>Approves profiles (never their own) and sees reports.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Records examination results.</summary>
    public const string Examiner = "examiner";

    /// <summary>A carrier, forwarder or postal operator: submits messages and reads the status of its own.</summary>
    public const string Submitter = "submitter";

    /// <summary>Reads everything, changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Manages users and settings.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Analyst, Targeter, Supervisor, Examiner, Submitter, Auditor, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
