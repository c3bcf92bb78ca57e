namespace OpenCts.Commerce.Entities;

/// <summary>Why a party record belongs to its entity, strongest first.</summary>
public enum LinkKind
{
    /// <summary>The record matched nothing and began the entity.</summary>
    NewEntity,
    /// <summary>An analyst split the record off into an entity of its own.</summary>
    AnalystSplit,
    /// <summary>An analyst merged the record's entity into another.</summary>
    AnalystMerge,
    /// <summary>A similar name within the same postcode.</summary>
    FuzzyNameAndPostcode,
    /// <summary>A similar name at the same address.</summary>
    FuzzyNameAndAddress,
    /// <summary>The same normalised name at the same address.</summary>
    NameAndAddress,
    /// <summary>The same phone number in E.164.</summary>
    Phone,
    /// <summary>The same canonical e-mail mailbox.</summary>
    Email,
    /// <summary>The same registry identifier (EORI, TIN...).</summary>
    Identifier,
}

/// <summary>One reason a record is in its entity, as an officer reads it.</summary>
/// <param name="Kind">What matched.</param>
/// <param name="Text">The sentence, such as <c>same e-mail j.smith@gmail.com (as jsmith+shop@gmail.com on DOC-123)</c>.</param>
/// <param name="OtherDocument">The document of the record it matched, if any.</param>
/// <param name="Score">The name similarity for fuzzy matches, else 1.</param>
public sealed record LinkReason(LinkKind Kind, string Text, string? OtherDocument, double Score)
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}
