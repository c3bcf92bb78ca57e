namespace OpenCts.Targeting.Profiles.Fields;

/// <summary>The names of an enum's values, read without the boxing that <see cref="Enum.ToString()"/> costs.</summary>
public static class EnumText<T>
    where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString());

    public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
}
