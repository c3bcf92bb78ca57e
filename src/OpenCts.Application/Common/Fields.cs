using OpenCts.Domain.Common;

namespace OpenCts.Application.Common;

/// <summary>Checks of the fields a host passes in, failing with a <see cref="DomainException"/> that names the field.</summary>
internal static class Fields
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException(field, "is required");
        }
        return value.Length <= maxLength ? value : throw new DomainException(field, $"is longer than {maxLength} characters");
    }

    public static string? Optional(string? value, string field, int maxLength) =>
        value is null || value.Length <= maxLength ? value : throw new DomainException(field, $"is longer than {maxLength} characters");

    public static decimal? NotNegative(decimal? value, string field) =>
        value is < 0 ? throw new DomainException(field, "must not be negative") : value;
}
