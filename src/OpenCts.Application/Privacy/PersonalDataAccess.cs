using OpenCts.Application.Users;

namespace OpenCts.Application.Privacy;

/// <summary>Which roles see the names, phones, e-mails and streets of a consignment's parties, and which see them masked.</summary>
/// <remarks>
/// Targeters decide on consignments and supervisors answer for those decisions: both need the parties as filed. Analysts
/// write profiles over fields, examiners open containers, auditors check the process: none needs to know who the
/// person is, so they see the parties masked and unmask one consignment at a time, with a reason, when a case needs it.
/// Submitters and administrators do not read consignments at all (<c>docs/SECURITY.md</c> has the whole table).
/// </remarks>
public static class PersonalDataAccess
{
    /// <summary>The roles that see personal data unmasked.</summary>
    public static IReadOnlyList<string> RolesWithTheNeed { get; } = [Roles.Targeter, Roles.Supervisor];

    /// <summary>Whether a role sees personal data unmasked without asking.</summary>
    public static bool Sees(string? role) => role is not null && RolesWithTheNeed.Contains(role, StringComparer.Ordinal);
}
