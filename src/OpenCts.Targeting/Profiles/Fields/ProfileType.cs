namespace OpenCts.Targeting.Profiles.Fields;

/// <summary>The types of the profile language.</summary>
/// <remarks>
/// At run time a number, a date (seconds since 1970) and a duration (seconds) are all <see cref="double"/>, with NaN
/// for a value the consignment does not give, so that every comparison with a missing value is false without a branch.
/// </remarks>
public enum ProfileType
{
    Text,
    Number,
    Boolean,
    Date,
    Duration,
    TextList,
    NumberList,
    Party,
    Null,
}

/// <summary>How messages name the types.</summary>
public static class ProfileTypeNames
{
    public static string Describe(this ProfileType type) => type switch
    {
        ProfileType.Text => "a text",
        ProfileType.Number => "a number",
        ProfileType.Boolean => "a condition",
        ProfileType.Date => "a date",
        ProfileType.Duration => "a duration",
        ProfileType.TextList => "a list of texts",
        ProfileType.NumberList => "a list of numbers",
        ProfileType.Party => "a party",
        _ => "null",
    };
}
