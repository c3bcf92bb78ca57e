namespace OpenCts.Domain.Common;

/// <summary>Validation shared by the model's constructors; every failure names its field.</summary>
internal static class Guard
{
    public static string NotBlank(string? value, string field, int maxLength = 512)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException(field, "is required");
        }
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainException(field, $"is {trimmed.Length} characters long; at most {maxLength} are allowed");
        }
        return trimmed;
    }

    public static string? Optional(string? value, string field, int maxLength = 512)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return NotBlank(value, field, maxLength);
    }

    public static decimal NotNegative(decimal value, string field)
    {
        if (value < 0)
        {
            throw new DomainException(field, $"{value} must not be negative");
        }
        return value;
    }

    public static int NotNegative(int value, string field)
    {
        if (value < 0)
        {
            throw new DomainException(field, $"{value} must not be negative");
        }
        return value;
    }

    public static ValueList<T> Each<T>(ValueList<T> items, string field, Action<T> check)
    {
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                check(items[i]);
            }
            catch (DomainException e)
            {
                throw e.Under($"{field}[{i}]");
            }
        }
        return items;
    }
}
