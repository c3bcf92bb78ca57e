namespace OpenCts.Domain.Decisions;

/// <summary>What an officer decided about a consignment: release, hold, examine, ask for more.</summary>
/// <param name="DocumentKey">The consignment's document key.</param>
/// <param name="Action">One of <see cref="DecisionActions"/>.</param>
/// <param name="ExaminationKind">With <see cref="DecisionActions.Examine"/> only: physical, scan or documentary.</param>
/// <param name="Comment">The officer's reason, in their words.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="DecidedAt">When.</param>
public sealed record Decision(string DocumentKey, string Action, string? ExaminationKind, string? Comment, string Actor, DateTimeOffset DecidedAt);

/// <summary>The actions an officer can take on a consignment, as the API and the ledger spell them.</summary>
public static class DecisionActions
{
    public const string Release = "release";
    public const string Hold = "hold";
    public const string Examine = "examine";
    public const string RequestInformation = "request-information";
    public const string RequestScreening = "request-screening";
    public const string DoNotLoad = "do-not-load";
    public const string AssessmentComplete = "assessment-complete";

    public static IReadOnlyList<string> All { get; } = [Release, Hold, Examine, RequestInformation, RequestScreening, DoNotLoad, AssessmentComplete];

    /// <summary>The kinds of examination an <see cref="Examine"/> decision asks for.</summary>
    public static IReadOnlyList<string> ExaminationKinds { get; } = ["physical", "scan", "documentary"];
}
