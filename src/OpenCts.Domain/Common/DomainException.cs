namespace OpenCts.Domain.Common;

/// <summary>A value broke a rule of the consignment model.</summary>
/// <remarks>
/// <see cref="Field"/> names the field as the model calls it (<c>goods[2].hsCode</c>), so that a parser
/// can prefix it with the place in its own input (file, line, segment) before it reaches the sender.
/// </remarks>
public sealed class DomainException : Exception
{
    public DomainException(string field, string message)
        : base(string.IsNullOrEmpty(field) ? message : $"{field}: {message}")
    {
        Field = field;
        Reason = message;
    }

    /// <summary>The field path within the model, such as <c>parties[0].country</c>.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the field path.</summary>
    public string Reason { get; }

    /// <summary>Returns the same error with its field nested under <paramref name="parent"/>.</summary>
    public DomainException Under(string parent) =>
        new(string.IsNullOrEmpty(Field) ? parent : Field.StartsWith('[') ? parent + Field : $"{parent}.{Field}", Reason);
}
