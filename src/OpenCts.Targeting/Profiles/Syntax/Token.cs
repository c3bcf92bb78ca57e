namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>The kinds of token in the profile language.</summary>
public enum TokenKind
{
    Identifier,
    String,
    Number,
    Duration,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    Dot,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    AndSymbol,
    OrSymbol,
    Bang,
    End,
}

/// <summary>One token of a criteria text, with its place.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The characters as written (for a string, its value without quotes or escapes).</param>
/// <param name="Span">Where it was written.</param>
public readonly record struct Token(TokenKind Kind, string Text, SourceSpan Span)
{
    /// <summary>True for an identifier spelt like the keyword (keywords are not reserved words of the tokenizer).</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.Ordinal);

    /// <summary>How an error message names the token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the criteria",
        TokenKind.String => $"the text \"{Text}\"",
        TokenKind.Number or TokenKind.Duration => $"the number {Text}",
        TokenKind.Identifier when ProfileKeywords.All.Contains(Text) => $"the keyword '{Text}'",
        TokenKind.Identifier => $"'{Text}'",
        _ => $"'{Text}'",
    };
}
