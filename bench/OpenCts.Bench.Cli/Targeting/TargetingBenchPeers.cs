using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using NRules;
using NRules.Fluent;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using OpenCts.Bench.Quality.Profiles;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Profiles.Fields;
using RulesEngine.Models;

namespace OpenCts.Bench.Cli.Targeting;

/// <summary>One goods item as the peer engines see it: flat, with the derived fields already computed.</summary>
public sealed class PeerItem
{
    public string Hs { get; init; } = "";

    public string? Origin { get; init; }

    public double ValuePerKg { get; init; }

    public double Value { get; init; }

    public double GrossMass { get; init; }
}

/// <summary>A consignment flattened for RulesEngine and NRules, which cannot read the domain model's value types and derived fields as the profile language does.</summary>
/// <remarks>Flattening is done before the clock starts, which favours the peers: the profile language reads the real model.</remarks>
public sealed class PeerConsignment
{
    public string Mode { get; init; } = "";

    public string Direction { get; init; } = "";

    public string? ConsignorCountry { get; init; }

    public string? ConsigneeEori { get; init; }

    public string? DestinationCountry { get; init; }

    public List<string> Countries { get; init; } = [];

    public double DaysToArrival { get; init; }

    public double TotalValue { get; init; }

    public List<PeerItem> Goods { get; init; } = [];

    public static PeerConsignment From(Consignment c, DateTimeOffset now)
    {
        var countries = new List<string>();
        if (FieldAccess.CountryOf(c.PlaceOfLoading) is { } loading)
        {
            countries.Add(loading);
        }
        if (FieldAccess.CountryOf(c.PlaceOfDischarge) is { } discharge)
        {
            countries.Add(discharge);
        }
        countries.AddRange(c.Route.Select(r => r.Value));
        return new PeerConsignment
        {
            Mode = c.Mode.ToString(),
            Direction = c.Direction.ToString(),
            ConsignorCountry = c.Consignor?.Country?.Value,
            ConsigneeEori = c.Consignee?.IdentifierOf("EORI"),
            DestinationCountry = FieldAccess.CountryOf(c.FinalDestination),
            Countries = countries,
            DaysToArrival = c.EstimatedArrival is { } eta ? (eta - now).TotalDays : double.NaN,
            TotalValue = FieldAccess.TotalValue(c),
            Goods = [.. c.Goods.Select(g => new PeerItem
            {
                Hs = g.HsCode?.Value ?? "",
                Origin = g.Origin?.Value,
                ValuePerKg = FieldAccess.Number(g.ValuePerKg),
                Value = g.Value is { } v ? (double)v.Amount : double.NaN,
                GrossMass = (double)g.GrossMassKg,
            })],
        };
    }
}

/// <summary>The benchmark's profiles as a Microsoft RulesEngine workflow, one lambda-expression rule per profile, at its fastest settings.</summary>
internal sealed class RulesEngineRunner
{
    private const string WorkflowName = "targeting";
    private readonly RulesEngine.RulesEngine _engine;

    public RulesEngineRunner(IReadOnlyList<MixRule> rules)
    {
        var workflow = new Workflow
        {
            WorkflowName = WorkflowName,
            Rules = [.. rules.Select(r => new Rule { RuleName = r.Id, Expression = Expression(r), RuleExpressionType = RuleExpressionType.LambdaExpression })],
        };
        _engine = new RulesEngine.RulesEngine([workflow], new ReSettings
        {
            UseFastExpressionCompiler = true,
            EnableScopedParams = false,
            IsExpressionCaseSensitive = true,
        });
    }

    /// <summary>How many rules the consignment meets.</summary>
    public async Task<int> Hits(PeerConsignment consignment)
    {
        var results = await _engine.ExecuteAllRulesAsync(WorkflowName, new RuleParameter("c", consignment));
        var hits = 0;
        foreach (var result in results)
        {
            hits += result.IsSuccess ? 1 : 0;
        }
        return hits;
    }

    /// <summary>The rule in RulesEngine's expression syntax (System.Linq.Dynamic.Core).</summary>
    public static string Expression(MixRule r)
    {
        var parts = new List<string>();
        if (r.Mode is not null)
        {
            parts.Add($"c.Mode == \"{r.Mode}\"");
        }
        if (r.Direction is not null)
        {
            parts.Add($"c.Direction == \"{r.Direction}\"");
        }
        if (r.ConsignorCountries is not null)
        {
            parts.Add(AnyOf("c.ConsignorCountry", r.ConsignorCountries));
        }
        if (r.PassesThrough is not null)
        {
            parts.Add("(" + string.Join(" || ", r.PassesThrough.Select(p => $"c.Countries.Contains(\"{p}\")")) + ")");
        }
        if (r.DestinationCountries is not null)
        {
            parts.Add(AnyOf("c.DestinationCountry", r.DestinationCountries));
        }
        if (r.ConsigneeWithoutEori)
        {
            parts.Add("c.ConsigneeEori == null");
        }
        if (r.MaxDaysToArrival is { } days)
        {
            parts.Add($"c.DaysToArrival < {Number(days)}");
        }
        if (r.MinTotalValue is { } total)
        {
            parts.Add($"c.TotalValue > {Number(total)}");
        }
        if (r.Item is { } item)
        {
            var itemParts = new List<string>();
            if (item.HsPrefixes is not null)
            {
                itemParts.Add("(" + string.Join(" || ", item.HsPrefixes.Select(p => $"Hs.StartsWith(\"{p}\")")) + ")");
            }
            if (item.Origins is not null)
            {
                itemParts.Add(AnyOf("Origin", item.Origins));
            }
            if (item.MaxValuePerKg is { } perKg)
            {
                itemParts.Add($"ValuePerKg < {Number(perKg)}");
            }
            if (item.MaxValue is { } value)
            {
                itemParts.Add($"Value < {Number(value)}");
            }
            if (item.MinGrossMass is { } mass)
            {
                itemParts.Add($"GrossMass > {Number(mass)}");
            }
            parts.Add($"c.Goods.Any({string.Join(" && ", itemParts)})");
        }
        return string.Join(" && ", parts);
    }

    private static string AnyOf(string field, IReadOnlyList<string> values) =>
        "(" + string.Join(" || ", values.Select(v => $"{field} == \"{v}\"")) + ")";

    private static string Number(double value) => value.ToString("0.0###", CultureInfo.InvariantCulture);
}

/// <summary>The benchmark's profiles as NRules rules (one pattern per rule on the flat consignment), run in one session reused across batches.</summary>
internal sealed class NRulesRunner
{
    private readonly ISession _session;
    private readonly HitCounter _counter = new();

    public NRulesRunner(IReadOnlyList<MixRule> rules)
    {
        var set = new RuleSet("targeting");
        set.Add(rules.Select(r => Definition(r, _counter)));
        var repository = new RuleRepository();
        repository.Add(set);
        _session = repository.Compile().CreateSession();
    }

    /// <summary>Inserts a batch of consignments, fires the agenda, retracts them; returns the rules met.</summary>
    public int Hits(IReadOnlyList<PeerConsignment> batch)
    {
        _counter.Count = 0;
        _session.InsertAll(batch);
        _session.Fire();
        _session.RetractAll(batch);
        return _counter.Count;
    }

    /// <summary>Counts rule firings.</summary>
    public sealed class HitCounter
    {
        public int Count;

        public void Hit() => Count++;
    }

    private static IRuleDefinition Definition(MixRule rule, HitCounter counter)
    {
        var builder = new RuleBuilder();
        builder.Name(rule.Id);
        var pattern = builder.LeftHandSide().Pattern(typeof(PeerConsignment), "c");
        // One condition per criterion, with its values as constants, so that Rete shares the alpha nodes rules have in common.
        foreach (var condition in Conditions(rule))
        {
            pattern.Condition(condition);
        }
        Expression<Action<IContext, PeerConsignment>> action = (context, c) => counter.Hit();
        builder.RightHandSide().Action(action);
        return builder.Build();
    }

    /// <summary>The rule's criteria as C# conditions, written as an analyst would write an NRules rule.</summary>
    public static IReadOnlyList<LambdaExpression> Conditions(MixRule r)
    {
        var parts = new List<Expression<Func<PeerConsignment, bool>>>();
        if (r.Mode is { } mode)
        {
            parts.Add(c => c.Mode == mode);
        }
        if (r.Direction is { } direction)
        {
            parts.Add(c => c.Direction == direction);
        }
        if (r.ConsignorCountries is { } consignors)
        {
            var set = consignors.ToArray();
            parts.Add(c => set.Contains(c.ConsignorCountry));
        }
        if (r.PassesThrough is { } through)
        {
            var set = through.ToArray();
            parts.Add(c => c.Countries.Any(country => set.Contains(country)));
        }
        if (r.DestinationCountries is { } destinations)
        {
            var set = destinations.ToArray();
            parts.Add(c => set.Contains(c.DestinationCountry));
        }
        if (r.ConsigneeWithoutEori)
        {
            parts.Add(c => c.ConsigneeEori == null);
        }
        if (r.MaxDaysToArrival is { } days)
        {
            parts.Add(c => c.DaysToArrival < days);
        }
        if (r.MinTotalValue is { } total)
        {
            parts.Add(c => c.TotalValue > total);
        }
        if (r.Item is { } item)
        {
            var prefixes = item.HsPrefixes?.ToArray();
            var origins = item.Origins?.ToArray();
            var perKg = item.MaxValuePerKg ?? double.PositiveInfinity;
            var value = item.MaxValue ?? double.PositiveInfinity;
            var mass = item.MinGrossMass ?? double.NegativeInfinity;
            parts.Add(c => c.Goods.Any(g =>
                (prefixes == null || prefixes.Any(p => g.Hs.StartsWith(p, StringComparison.Ordinal))) &&
                (origins == null || origins.Contains(g.Origin)) &&
                (double.IsPositiveInfinity(perKg) || g.ValuePerKg < perKg) &&
                (double.IsPositiveInfinity(value) || g.Value < value) &&
                (double.IsNegativeInfinity(mass) || g.GrossMass > mass)));
        }
        var parameter = Expression.Parameter(typeof(PeerConsignment), "c");
        return [.. parts.Select(p => Expression.Lambda<Func<PeerConsignment, bool>>(new Inline(p.Parameters[0], parameter).Visit(p.Body), parameter))];
    }

    /// <summary>Binds every condition to one parameter and turns captured values into constants, as a hand-written rule has them.</summary>
    private sealed class Inline(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is ConstantExpression closure && node.Member is System.Reflection.FieldInfo field)
            {
                return Expression.Constant(field.GetValue(closure.Value), node.Type);
            }
            return base.VisitMember(node);
        }
    }
}
