using OpenCts.Application.Users;

namespace OpenCts.Server.Auth;

/// <summary>The authorization policies, each a set of roles; an endpoint without one is denied to everybody (the fallback).</summary>
public static class Policies
{
    public const string SubmitMessages = "submit-messages";
    public const string ReadMessages = "read-messages";
    public const string ReadConsignments = "read-consignments";
    public const string Decide = "decide";
    public const string RecordExaminations = "record-examinations";
    public const string WatchAlerts = "watch-alerts";
    public const string ReadProfiles = "read-profiles";
    public const string WriteProfiles = "write-profiles";
    public const string ApproveProfiles = "approve-profiles";
    public const string Backtest = "backtest";
    public const string ReadReports = "read-reports";
    public const string ManageUsers = "manage-users";
    public const string ReadUsers = "read-users";
    public const string SignedIn = "signed-in";
    public const string ManageCallbacks = "manage-callbacks";
    public const string ReadOffices = "read-offices";
    public const string ManageOffices = "manage-offices";
    public const string ManageSubscriptions = "manage-subscriptions";
    public const string WorkExaminations = "work-examinations";
    public const string ReadWatchlists = "read-watchlists";
    public const string ManageWatchlists = "manage-watchlists";
    public const string RequestAllowList = "request-allow-list";
    public const string ApproveWatchlists = "approve-watchlists";
    public const string ManageEntities = "manage-entities";

    /// <summary>The roles of each policy. The auditor reads everything and changes nothing; the submitter sees only its own messages.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesOf { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [SubmitMessages] = [Roles.Submitter],
        [ReadMessages] = [Roles.Submitter, Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Examiner, Roles.Auditor],
        [ReadConsignments] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Examiner, Roles.Auditor],
        [Decide] = [Roles.Targeter],
        [RecordExaminations] = [Roles.Examiner],
        [WatchAlerts] = [Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        [ReadProfiles] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        [WriteProfiles] = [Roles.Analyst, Roles.Supervisor],
        [ApproveProfiles] = [Roles.Supervisor],
        [Backtest] = [Roles.Analyst, Roles.Supervisor],
        [ReadReports] = [Roles.Supervisor, Roles.Auditor],
        [ManageUsers] = [Roles.Admin],
        [ReadUsers] = [Roles.Admin, Roles.Auditor],
        [SignedIn] = [.. Roles.All],
        [ManageCallbacks] = [Roles.Submitter],
        [ReadOffices] = [Roles.Targeter, Roles.Supervisor, Roles.Examiner, Roles.Auditor, Roles.Admin],
        [ManageOffices] = [Roles.Supervisor, Roles.Admin],
        [ManageSubscriptions] = [Roles.Targeter, Roles.Supervisor],
        [WorkExaminations] = [Roles.Examiner, Roles.Supervisor, Roles.Auditor],
        [ReadWatchlists] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor],
        [ManageWatchlists] = [Roles.Analyst, Roles.Supervisor],
        [RequestAllowList] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor],
        [ApproveWatchlists] = [Roles.Supervisor],
        [ManageEntities] = [Roles.Analyst, Roles.Targeter, Roles.Supervisor],
    };
}
