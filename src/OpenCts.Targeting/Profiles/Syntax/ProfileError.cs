namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>One error in a profile's criteria, at a line and column of its text.</summary>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
/// <param name="Message">What is wrong, with what was expected and a suggestion where there is one.</param>
public sealed record ProfileError(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

/// <summary>A profile's criteria could not be parsed, type-checked or compiled.</summary>
public sealed class ProfileException : OpenCts.Domain.Common.InputFormatException
{
    public ProfileException(IReadOnlyList<ProfileError> errors, string? profileId = null)
        : base((profileId is null ? "" : $"profile {profileId}: ") + string.Join("; ", errors), line: errors.Count > 0 ? errors[0].Line : 0, column: errors.Count > 0 ? errors[0].Column : 0, fieldPath: profileId)
    {
        Errors = errors;
        ProfileId = profileId;
    }

    /// <summary>The same errors, with a message that names where the profile came from (a file and its profile).</summary>
    public ProfileException(string message, IReadOnlyList<ProfileError> errors, string? file, string? profileId)
        : base(message, file, errors.Count > 0 ? errors[0].Line : 0, errors.Count > 0 ? errors[0].Column : 0, profileId)
    {
        Errors = errors;
        ProfileId = profileId;
    }

    /// <summary>Every error found, in the order of the text.</summary>
    public IReadOnlyList<ProfileError> Errors { get; }

    /// <summary>The profile the criteria belong to, when known.</summary>
    public string? ProfileId { get; }
}
