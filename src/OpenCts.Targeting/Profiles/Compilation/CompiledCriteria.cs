using System.Linq.Expressions;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>Criteria compiled to a delegate, with the evidence of a hit on demand.</summary>
public sealed class CompiledCriteria
{
    private readonly Lazy<Func<Consignment, EvaluationContext, EvidenceRecorder, bool>> _instrumented;

    internal CompiledCriteria(string text, ProfileExpr syntax, Func<Consignment, EvaluationContext, bool> matches, ProfileEnvironment environment)
    {
        Text = text;
        Syntax = syntax;
        Matches = matches;
        _instrumented = new(() => CompileInstrumented(text, syntax, environment));
    }

    /// <summary>The criteria as written (or as printed from the syntax tree).</summary>
    public string Text { get; }

    public ProfileExpr Syntax { get; }

    /// <summary>True when a consignment meets the criteria; allocates nothing.</summary>
    public Func<Consignment, EvaluationContext, bool> Matches { get; }

    /// <summary>The values that made the consignment meet the criteria (empty when it does not).</summary>
    /// <remarks>Runs a second, instrumented compilation of the criteria, built on the first call.</remarks>
    public IReadOnlyList<Evidence> Explain(Consignment consignment, EvaluationContext context) => Evidence(consignment, context);

    /// <summary>The evidence as the value list a reason holds, recorded with the context's reusable recorder.</summary>
    internal ValueList<Evidence> Evidence(Consignment consignment, EvaluationContext context)
    {
        var recorder = context.Recorder.Reset();
        return _instrumented.Value(consignment, context, recorder) ? recorder.ToValueList() : ValueList<Evidence>.Empty;
    }

    private static Func<Consignment, EvaluationContext, EvidenceRecorder, bool> CompileInstrumented(string text, ProfileExpr syntax, ProfileEnvironment environment)
    {
        var binder = new Binder(environment, text, instrument: true);
        var body = binder.BindCriteria(syntax);
        return CriteriaCode.Compile(Expression.Lambda<Func<Consignment, EvaluationContext, EvidenceRecorder, bool>>(body, binder.Consignment, binder.Context, binder.Recorder!), syntax);
    }
}
