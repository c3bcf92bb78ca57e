using System.Text;

namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>Splits a criteria text into tokens; the grammar is in <see cref="ProfileParser"/>.</summary>
/// <remarks>
/// Familiar spellings from CEL and SQL are accepted: <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, <c>=</c> and <c>&lt;&gt;</c>;
/// <c>//</c> starts a comment to the end of the line.
/// </remarks>
public static class Tokenizer
{
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        var line = 1;
        var lineStart = 0;
        while (true)
        {
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    i++;
                    line++;
                    lineStart = i;
                }
                else if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    break;
                }
            }
            var start = i;
            var column = i - lineStart + 1;
            SourceSpan Span(int end) => new(start, end, line, column);
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", Span(i)));
                return tokens;
            }
            var ch = text[i];
            if (char.IsAsciiLetter(ch) || ch == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], Span(i)));
                continue;
            }
            if (char.IsAsciiDigit(ch))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }
                var kind = TokenKind.Number;
                if (i < text.Length && text[i] is 'd' or 'h' or 'm' or 's' && (i + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[i + 1])))
                {
                    i++;
                    kind = TokenKind.Duration;
                }
                else if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
                {
                    throw Error(line, i - lineStart + 1, $"'{text[start..(i + 1)]}' is neither a number nor a duration (write 7d, 12h, 30m or 10s)");
                }
                tokens.Add(new Token(kind, text[start..i], Span(i)));
                continue;
            }
            if (ch == '"')
            {
                tokens.Add(new Token(TokenKind.String, ReadString(text, ref i, line, column, lineStart), Span(i)));
                continue;
            }
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind Kind, int Length) op = (ch, next) switch
            {
                ('(', _) => (TokenKind.LeftParen, 1),
                (')', _) => (TokenKind.RightParen, 1),
                ('[', _) => (TokenKind.LeftBracket, 1),
                (']', _) => (TokenKind.RightBracket, 1),
                (',', _) => (TokenKind.Comma, 1),
                (':', _) => (TokenKind.Colon, 1),
                ('.', _) => (TokenKind.Dot, 1),
                ('=', '=') => (TokenKind.Equal, 2),
                ('=', _) => (TokenKind.Equal, 1),
                ('!', '=') => (TokenKind.NotEqual, 2),
                ('!', _) => (TokenKind.Bang, 1),
                ('<', '>') => (TokenKind.NotEqual, 2),
                ('<', '=') => (TokenKind.LessOrEqual, 2),
                ('<', _) => (TokenKind.Less, 1),
                ('>', '=') => (TokenKind.GreaterOrEqual, 2),
                ('>', _) => (TokenKind.Greater, 1),
                ('+', _) => (TokenKind.Plus, 1),
                ('-', _) => (TokenKind.Minus, 1),
                ('*', _) => (TokenKind.Star, 1),
                ('/', _) => (TokenKind.Slash, 1),
                ('&', '&') => (TokenKind.AndSymbol, 2),
                ('|', '|') => (TokenKind.OrSymbol, 2),
                _ => throw Error(line, column, ch == '\'' ? "texts are written in double quotes (\"CO\"), not single quotes" : $"unexpected character '{Printable(ch)}'"),
            };
            i += op.Length;
            tokens.Add(new Token(op.Kind, text[start..i], Span(i)));
        }
    }

    private static string ReadString(string text, ref int i, int line, int column, int lineStart)
    {
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n')
            {
                throw Error(line, column, "the text has no closing quote (\")");
            }
            var c = text[i++];
            if (c == '"')
            {
                return value.ToString();
            }
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            var escape = i < text.Length ? text[i++] : '\0';
            value.Append(escape switch
            {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                _ => throw Error(line, i - 1 - lineStart, $"unknown escape '\\{Printable(escape)}' in a text; use \\\", \\\\, \\n or \\t"),
            });
        }
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString();

    private static ProfileException Error(int line, int column, string message) => new([new ProfileError(line, column, message)]);
}
