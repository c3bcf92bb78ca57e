using System.Linq.Expressions;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>Turns bound criteria into a delegate: compiled to machine code, or interpreted when the criteria are very large.</summary>
/// <remarks>
/// Each criteria text becomes one method, and the JIT's work on a method grows faster than its size: criteria of 200
/// conditions took 3 to 4 seconds to compile (most of it the JIT clearing its tables), which a server pays on every profile
/// change and a fuzzer counts as a hang. Criteria that large are rare and are run through the expression interpreter,
/// which costs time in proportion to their size; everything an analyst usually writes is compiled.
/// </remarks>
internal static class CriteriaCode
{
    /// <summary>The most syntax nodes criteria may have to be compiled to machine code.</summary>
    public const int CompiledNodes = 256;

    public static TDelegate Compile<TDelegate>(Expression<TDelegate> lambda, ProfileExpr syntax)
        where TDelegate : Delegate =>
        SyntaxHeight.Size(syntax) > CompiledNodes ? lambda.Compile(preferInterpretation: true) : lambda.Compile();
}
