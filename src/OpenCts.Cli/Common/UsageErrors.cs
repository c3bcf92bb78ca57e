using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Common;

/// <summary>The one line printed for a mistake on the command line, in the user's words rather than .NET's.</summary>
internal static partial class UsageErrors
{
    /// <summary>Spectre's message for a value its option's type cannot take, such as "Failed to convert 'abc' to Int32.".</summary>
    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>[^\s.]+)\.\s*(?<valid>.*)$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailed();

    /// <summary>The error text for a usage exception; <paramref name="args"/> are the command line, to name the option a bad value was given to.</summary>
    public static string Describe(CommandAppException exception, IReadOnlyList<string> args)
    {
        var match = ConversionFailed().Match(exception.Message);
        if (!match.Success)
        {
            return OneLine(exception.Message);
        }
        var value = match.Groups["value"].Value;
        var valid = OneLine(match.Groups["valid"].Value);
        var expected = match.Groups["type"].Value switch
        {
            "Int32" or "Int64" or "UInt32" or "UInt64" => "a whole number",
            // The CLI's only nullable options are counts; Spectre names the wrapper, not the type inside it.
            "Nullable`1" => "a whole number",
            "Double" or "Single" or "Decimal" => "a number, such as 0.5",
            _ when valid.StartsWith("Valid values are ", StringComparison.Ordinal) => "one of " + valid["Valid values are ".Length..].Replace("'", "", StringComparison.Ordinal),
            _ => null,
        };
        if (expected is null)
        {
            return OneLine(exception.Message);
        }
        return OptionGiven(value, args) is { } option
            ? $"{option}: '{value}' is not {expected}"
            : $"an option that takes {expected} was given no value";
    }

    /// <summary>The option a value followed on the command line (<c>--seed abc</c> or <c>--seed=abc</c>), if it is there.</summary>
    private static string? OptionGiven(string value, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && string.Equals(args[i], value, StringComparison.Ordinal) && args[i - 1].StartsWith('-'))
            {
                return args[i - 1];
            }
            var equals = args[i].IndexOf('=', StringComparison.Ordinal);
            if (args[i].StartsWith('-') && equals > 0 && string.Equals(args[i][(equals + 1)..], value, StringComparison.Ordinal))
            {
                return args[i][..equals];
            }
        }
        return null;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
