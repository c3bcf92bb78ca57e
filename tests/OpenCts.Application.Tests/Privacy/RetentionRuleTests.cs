using OpenCts.Application.Privacy;
using OpenCts.Domain.Common;

namespace OpenCts.Application.Tests.Privacy;

/// <summary>Retention rules are read from a command line or a file, and a bad one is refused naming its place.</summary>
public class RetentionRuleTests
{
    [Fact]
    public void A_rules_file_gives_one_period_per_kind_in_days_or_calendar_years()
    {
        var rules = RetentionRules.Parse("# kept for the appeal period\naudit 400d\n\nconsignment 5y  # the customs code's five years\n", "retention.rules");

        Assert.Equal(["audit 400d", "consignment 5y"], rules.Select(r => r.Name));
        var now = new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2027, 1, 25, 12, 0, 0, TimeSpan.Zero), rules[0].CutoffAt(now));
        Assert.Equal(new DateTimeOffset(2023, 2, 28, 12, 0, 0, TimeSpan.Zero), rules[1].CutoffAt(now));
    }

    [Theory]
    [InlineData("audit 400d\npassengers 3y\n", "retention.rules:2: no records of kind \"passengers\"")]
    [InlineData("audit forever\n", "retention.rules:1: \"forever\" is not a period")]
    [InlineData("audit 0d\n", "retention.rules:1: \"0d\" is not a period")]
    [InlineData("audit\n", "retention.rules:1: \"audit\" is not a rule")]
    [InlineData("audit 1y\naudit 2y\n", "retention.rules:2: a second rule for audit")]
    public void A_bad_rule_is_refused_naming_the_file_and_line(string text, string message)
    {
        var error = Assert.Throws<InputFormatException>(() => RetentionRules.Parse(text, "retention.rules"));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_line_rule_may_be_written_with_an_equals_sign()
    {
        Assert.Equal("decision 10y", RetentionRule.Parse("decision=10y", "--keep").Name);
    }
}
