using System.Linq.Expressions;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Profiles;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>Parses, type-checks and compiles profile criteria to delegates.</summary>
/// <remarks>
/// Nothing is interpreted per consignment: every field read, comparison and quantifier becomes IL through
/// System.Linq.Expressions; reference lists and regular expressions are resolved once, here.
/// </remarks>
public sealed class ProfileCompiler(ProfileEnvironment? environment = null)
{
    public ProfileEnvironment Environment { get; } = environment ?? ProfileEnvironment.Unchecked;

    /// <summary>Every error in a profile's criteria (empty when it is sound), each with its line and column.</summary>
    /// <param name="profile">The profile to check.</param>
    /// <param name="environment">The reference lists to check names against; null accepts any list name.</param>
    public static IReadOnlyList<ProfileError> Check(RiskProfile profile, ProfileEnvironment? environment = null) => Check(profile.Criteria, environment);

    /// <summary>Every error in a criteria text (empty when it is sound), each with its line and column.</summary>
    public static IReadOnlyList<ProfileError> Check(string criteria, ProfileEnvironment? environment = null)
    {
        ProfileExpr syntax;
        try
        {
            syntax = ProfileParser.Parse(criteria);
        }
        catch (ProfileException e)
        {
            return e.Errors;
        }
        return Check(syntax, criteria, environment);
    }

    /// <summary>Every type error in a syntax tree (built by the parser or from the JSON form).</summary>
    /// <remarks>A tree given without its text (the JSON form) is checked as its printed text, so errors have a line and column in that text.</remarks>
    public static IReadOnlyList<ProfileError> Check(ProfileExpr syntax, string? text = null, ProfileEnvironment? environment = null)
    {
        try
        {
            (syntax, text) = WithText(syntax, text);
        }
        catch (ProfileException e)
        {
            // A tree from the JSON form can hold names that are not the language's (a field "any g"): its printed text does not parse.
            return e.Errors;
        }
        var binder = new Binder(environment ?? ProfileEnvironment.Unchecked, text, instrument: false);
        binder.BindCriteria(syntax);
        return binder.Errors;
    }

    /// <summary>The tree with spans in its text: a tree built without text is printed and parsed back (to an equal tree).</summary>
    private static (ProfileExpr Syntax, string Text) WithText(ProfileExpr syntax, string? text) =>
        text is null ? (ProfileParser.Parse(ProfilePrinter.Print(syntax)), ProfilePrinter.Print(syntax)) : (syntax, text);

    /// <summary>Compiles a criteria text.</summary>
    /// <exception cref="ProfileException">The text does not parse or type-check.</exception>
    public CompiledCriteria Compile(string criteria, string? profileId = null)
    {
        ProfileExpr syntax;
        try
        {
            syntax = ProfileParser.Parse(criteria);
        }
        catch (ProfileException e) when (profileId is not null)
        {
            throw new ProfileException(e.Errors, profileId);
        }
        return Compile(syntax, criteria, profileId);
    }

    /// <summary>Compiles a syntax tree, such as one read from the JSON form.</summary>
    /// <exception cref="ProfileException">The tree does not type-check.</exception>
    public CompiledCriteria Compile(ProfileExpr syntax, string? text = null, string? profileId = null)
    {
        (syntax, text) = WithText(syntax, text);
        var binder = new Binder(Environment, text, instrument: false);
        var body = binder.BindCriteria(syntax);
        if (binder.Errors.Count > 0)
        {
            throw new ProfileException(binder.Errors, profileId);
        }
        var matches = CriteriaCode.Compile(Expression.Lambda<Func<Consignment, EvaluationContext, bool>>(body, binder.Consignment, binder.Context), syntax);
        return new CompiledCriteria(text, syntax, matches, Environment);
    }

    /// <summary>Compiles a risk profile's criteria.</summary>
    /// <exception cref="ProfileException">The criteria do not parse or type-check; the message names the profile.</exception>
    public CompiledProfile Compile(RiskProfile profile) => new(profile, Compile(profile.Criteria, profile.Id));
}
