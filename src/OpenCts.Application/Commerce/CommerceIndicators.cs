using OpenCts.Commerce;
using OpenCts.Commerce.Classification;
using OpenCts.Commerce.Entities;
using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Storage.Assessments;

namespace OpenCts.Application.Commerce;

/// <summary>
/// The e-commerce indicators as they stand: every party record linked into entities, the reference values learned so
/// far, the description classifier and the rights-holder register. <see cref="Enrich(string, Consignment, DateTimeOffset, PlatformOrder?)"/> attaches what they say to a
/// consignment and learns from it.
/// </summary>
/// <remarks>
/// One writer at a time (the calls take a lock): the counts are rolling and order matters, and one enrichment costs
/// microseconds, far less than the assessment it precedes. A document already enriched is not counted again: its
/// parties' facts are read as they stand and its lines teach the reference values nothing. So a batch whose every
/// document and party is known (a re-assessment) learns nothing, and is enriched on every core (<see cref="KnowsAll"/>,
/// <see cref="EnrichKnown"/>).
/// </remarks>
public sealed class CommerceIndicators
{
    // Writers one at a time; readers that learn nothing (EnrichKnown) side by side. Recursive, as the lock it replaced
    // was, so that a writer's callback may call back in.
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.SupportsRecursion);

    internal CommerceIndicators(CommerceConfiguration configuration, EntityIndex entities, GoodsFactsCalculator goods)
    {
        Configuration = configuration;
        Entities = entities;
        Goods = goods;
    }

    /// <summary>Indicators that also keep what a checkpoint holds: the reference values, and the classifier's trainer as the build left it.</summary>
    /// <remarks>Until <see cref="UseClassifier"/>, goods lines get no predicted heading: the history is learned first, and the classifier is built from it.</remarks>
    internal CommerceIndicators(CommerceConfiguration configuration, EntityIndex entities, ReferenceValues references, HsClassifierTrainer trainer)
        : this(configuration, entities, new GoodsFactsCalculator(configuration.Settings, configuration.Rates, references, null, configuration.Register))
    {
        References = references;
        _trainer = trainer;
    }

    private HsClassifierTrainer? _trainer;

    public CommerceConfiguration Configuration { get; }

    /// <summary>Fresh indicators that know nothing yet, with a trained classifier: for a benchmark or a replay of one's own.</summary>
    public static CommerceIndicators Create(CommerceConfiguration configuration, OpenCts.Commerce.Classification.HsClassifier classifier)
    {
        var references = new OpenCts.Commerce.Valuation.ReferenceValues(configuration.Settings);
        return new CommerceIndicators(configuration, new EntityIndex(),
            new GoodsFactsCalculator(configuration.Settings, configuration.Rates, references, classifier, configuration.Register));
    }

    /// <summary>The entity a document's party belongs to now, after every merge since.</summary>
    public string? EntityOf(string documentKey, PartyRole role)
    {
        using (Writing())
        {
            return Entities.EntityOf(documentKey, role);
        }
    }

    /// <summary>The entity index; read it under <see cref="Read{T}"/>.</summary>
    internal EntityIndex Entities { get; }

    internal GoodsFactsCalculator Goods { get; private set; }

    /// <summary>The reference values learned, when the indicators keep them for a checkpoint.</summary>
    internal ReferenceValues? References { get; }

    /// <summary>The classifier's trainer as saved for a checkpoint (<see cref="HsClassifierTrainer.Save"/>), once the classifier is built from it: it has read every declaration stored up to <see cref="DeclaredThrough"/>.</summary>
    /// <remarks>
    /// The classifier in use is built from the trainer when the build has read the store (<see cref="UseClassifier"/>);
    /// a process classifies with what its build knew, so the trainer does not change after. Its saved form is half the
    /// size of its counts in memory (4 MB against 8 at a million consignments), which a bulk run holds to its end.
    /// </remarks>
    internal byte[]? SavedTrainer { get; private set; }

    /// <summary>Documents learned since the indicators were built or last checkpointed.</summary>
    internal int LearnedSinceCheckpoint { get; private set; }

    /// <summary>Whether an analyst's decision was applied to the live index since it was built: its place among the stored decisions is not known, so no checkpoint is written.</summary>
    internal bool DecidedLive { get; private set; }

    /// <summary>Builds the classifier from the trainer and uses it from now on.</summary>
    internal void UseClassifier()
    {
        using (Writing())
        {
            if (References is not null && _trainer is not null)
            {
                Goods = new GoodsFactsCalculator(Configuration.Settings, Configuration.Rates, References, _trainer.Build(), Configuration.Register);
                using var saved = new MemoryStream();
                using (var writer = new BinaryWriter(saved, System.Text.Encoding.UTF8, leaveOpen: true))
                {
                    _trainer.Save(writer);
                }
                SavedTrainer = saved.ToArray();
                _trainer = null;
            }
        }
    }

    /// <summary>Notes that an analyst's decision was applied live (see <see cref="DecidedLive"/>).</summary>
    internal void NoteLiveDecision()
    {
        using (Writing())
        {
            DecidedLive = true;
        }
    }

    /// <summary>Runs <paramref name="write"/> under the writers' lock, so nothing is learned while a checkpoint is written, and counts afresh when it wrote one.</summary>
    internal void Checkpointed(Func<bool> write)
    {
        using (Writing())
        {
            if (write())
            {
                LearnedSinceCheckpoint = 0;
            }
        }
    }

    /// <summary>The last assessment up to which everything assessed was learned, as the build found it.</summary>
    internal AssessedVersion AssessedThrough { get; set; } = CommerceHost.BeforeAnyAssessment;

    /// <summary>Where the build stopped reading the stored declarations for the classifier (the history's paging position).</summary>
    internal HistoryPosition DeclaredThrough { get; set; } = HistoryPosition.Start;

    /// <summary>The last of the analysts' decisions the build applied.</summary>
    internal long DecidedThrough { get; set; }

    /// <summary>Whether the indicators know the document (learned it, or counted an examination of it).</summary>
    internal bool Knows(string documentKey)
    {
        using (Reading())
        {
            return Entities.HasDocument(documentKey);
        }
    }

    /// <summary>How many consignments the indicators have learned from.</summary>
    public int Consignments
    {
        get
        {
            using (Reading())
            {
                return Entities.DocumentCount;
            }
        }
    }

    /// <summary>The instant a consignment's 30-day windows end at: its departure, else its arrival, else its receipt.</summary>
    public static DateTimeOffset InstantOf(Consignment consignment, DateTimeOffset fallback) =>
        InstantOf(consignment.Departure, consignment.EstimatedArrival, consignment.Provenance?.ReceivedAt, fallback);

    /// <summary>The instant <see cref="InstantOf(Consignment, DateTimeOffset)"/> gives, from a consignment's outline.</summary>
    public static DateTimeOffset InstantOf(ConsignmentOutline outline, DateTimeOffset fallback) =>
        InstantOf(outline.Departure, outline.EstimatedArrival, outline.ReceivedAt, fallback);

    private static DateTimeOffset InstantOf(DateTimeOffset? departure, DateTimeOffset? arrival, DateTimeOffset? received, DateTimeOffset fallback) =>
        departure ?? arrival ?? received ?? fallback;

    /// <summary>Attaches the parties' entity facts and each line's facts, and learns from the consignment.</summary>
    /// <param name="documentKey">The consignment's key.</param>
    /// <param name="consignment">The consignment as stored.</param>
    /// <param name="at">Its instant (<see cref="InstantOf(Consignment, DateTimeOffset)"/>).</param>
    /// <param name="order">The platform order whose tracking number is its document number, or null.</param>
    public Consignment Enrich(string documentKey, Consignment consignment, DateTimeOffset at, PlatformOrder? order) =>
        Enrich(Prepare(documentKey, consignment, at), order);

    /// <summary>What <see cref="Enrich(string, Consignment, DateTimeOffset, PlatformOrder?)"/> does, from what <see cref="Prepare"/> made of the consignment beforehand.</summary>
    public Consignment Enrich(PreparedConsignment prepared, PlatformOrder? order)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var consignment = prepared.Consignment;
        var paid = PaidPerLine(consignment, order, prepared.Declared);
        using (Writing())
        {
            var (facts, first) = LearnParties(prepared);
            var goods = GoodsFacts(consignment, paid);
            if (first)
            {
                LearnGoods(consignment);
            }
            return consignment with { Commerce = facts, Goods = goods };
        }
    }

    /// <summary>What enriching a consignment needs of it alone (each line's declared value in the national currency, each named party's record normalised), made without the lock, on any thread.</summary>
    /// <remarks>
    /// A page of new consignments is enriched in order on one thread, and normalising the parties' names, addresses
    /// and identifiers was about a quarter of that: a page is prepared on every core first (<see cref="CommerceHost.EnrichAsync"/>).
    /// </remarks>
    public PreparedConsignment Prepare(string documentKey, Consignment consignment, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        var declared = DeclaredNational(consignment);
        var total = declared.Sum();
        return new PreparedConsignment(documentKey, consignment, declared,
            Probed(documentKey, consignment.Consignor, at, total),
            Probed(documentKey, consignment.Consignee, at, total),
            Probed(documentKey, consignment.NotifyParty, at, total));
    }

    private static ProbedParty? Probed(string documentKey, Party? party, DateTimeOffset at, double total) =>
        Named(party) ? new ProbedParty(PartyRecord.From(documentKey, party!, at, total)) : null;

    /// <summary>Whether <see cref="Enrich(string, Consignment, DateTimeOffset, PlatformOrder?)"/> would learn nothing from any consignment of the batch: each document is known, and so is each of its named parties.</summary>
    internal bool KnowsAll(IEnumerable<(string DocumentKey, Consignment Consignment)> batch)
    {
        Span<PartyRole> roles = stackalloc PartyRole[3];
        using (Reading())
        {
            foreach (var (key, consignment) in batch)
            {
                if (!Entities.HasRecords(key, roles[..NamedRoles(consignment, roles)]))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>
    /// What <see cref="Enrich(string, Consignment, DateTimeOffset, PlatformOrder?)"/> gives a consignment that teaches nothing, under the readers' lock, so that several
    /// threads may enrich at once; null when the index does not know the document or one of its named parties (since
    /// <see cref="KnowsAll"/>, a writer may have changed that), and it must be enriched by <see cref="Enrich(string, Consignment, DateTimeOffset, PlatformOrder?)"/>.
    /// </summary>
    internal Consignment? EnrichKnown(string documentKey, Consignment consignment, PlatformOrder? order)
    {
        var paid = PaidPerLine(consignment, order, DeclaredNational(consignment));
        Span<PartyRole> roles = stackalloc PartyRole[3];
        var named = NamedRoles(consignment, roles);
        var facts = new EntityFacts?[named];
        using (Reading())
        {
            if (!Entities.TryFactsOf(documentKey, roles[..named], facts))
            {
                return null;
            }
            // In the order NamedRoles gave them.
            var next = 0;
            var commerce = new CommerceFacts(
                Named(consignment.Consignor) ? facts[next++] : null,
                Named(consignment.Consignee) ? facts[next++] : null,
                Named(consignment.NotifyParty) ? facts[next] : null);
            return consignment with { Commerce = commerce, Goods = GoodsFacts(consignment, paid) };
        }
    }

    /// <summary>The roles of the consignment's named parties (those <see cref="Enrich(string, Consignment, DateTimeOffset, PlatformOrder?)"/> gives facts), consignor, consignee, notify party; how many.</summary>
    private static int NamedRoles(Consignment consignment, Span<PartyRole> roles)
    {
        var count = 0;
        foreach (var party in (ReadOnlySpan<Party?>)[consignment.Consignor, consignment.Consignee, consignment.NotifyParty])
        {
            if (Named(party))
            {
                roles[count++] = party!.Role;
            }
        }
        return count;
    }

    private static bool Named(Party? party) => party is not null && !string.IsNullOrWhiteSpace(party.Name);

    /// <summary>Learns from the consignment exactly as <see cref="Enrich(string, Consignment, DateTimeOffset, PlatformOrder?)"/> does, without working out what would be attached to it.</summary>
    /// <remarks>For the replay of the stored history, which wants the indicators' state and not the enriched consignments: each goods line's facts (the classifier, the rights-holder register) cost more than the learning.</remarks>
    public void Learn(string documentKey, Consignment consignment, DateTimeOffset at) => Learn(Prepare(documentKey, consignment, at));

    /// <summary>Brings into the processor's cache what learning from the consignment will look up first; for a caller that enriches or learns in order, with the next consignment while it learns from this one.</summary>
    /// <remarks>
    /// Without the lock: it only reads the entity index's maps, and changes nothing the indicators answer. At a million
    /// consignments nearly every key the index looks up misses the cache, on the one thread that learns in order.
    /// </remarks>
    public void Prefetch(PreparedConsignment prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        foreach (var party in (ReadOnlySpan<ProbedParty?>)[prepared.Consignor, prepared.Consignee, prepared.NotifyParty])
        {
            if (party is not null)
            {
                Entities.Prefetch(party);
            }
        }
    }

    /// <summary>Learns from a consignment <see cref="Prepare"/> made ready, exactly as <see cref="Enrich(PreparedConsignment, PlatformOrder?)"/> does.</summary>
    public void Learn(PreparedConsignment prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        using (Writing())
        {
            if (LearnParties(prepared).First)
            {
                LearnGoods(prepared.Consignment);
            }
        }
    }

    /// <summary>Each goods line with its facts as the indicators stand (before the consignment's own lines are learned).</summary>
    private ValueList<GoodsItem> GoodsFacts(Consignment consignment, double[] paid)
    {
        var goods = new GoodsItem[paid.Length];
        for (var i = 0; i < goods.Length; i++)
        {
            // No manufacturer: the consignor of a parcel is a seller, and a seller is not the maker the register authorises.
            var item = consignment.Goods[i];
            goods[i] = item with { Commerce = Goods.Compute(item, paid[i], manufacturer: null) };
        }
        return new ValueList<GoodsItem>(goods);
    }

    private (CommerceFacts Facts, bool First) LearnParties(PreparedConsignment prepared)
    {
        var first = Entities.AddDocument(prepared.DocumentKey);
        var facts = new CommerceFacts(
            Party(prepared.DocumentKey, prepared.Consignor, first),
            Party(prepared.DocumentKey, prepared.Consignee, first),
            Party(prepared.DocumentKey, prepared.NotifyParty, first));
        return (facts, first);
    }

    private void LearnGoods(Consignment consignment)
    {
        LearnedSinceCheckpoint++;
        foreach (var item in consignment.Goods)
        {
            Goods.Observe(item);
        }
    }

    /// <summary>
    /// The consignment with its facts as they stand now, learning nothing: for a backtest over stored history, where a
    /// profile must see the fields it would see on a new consignment.
    /// </summary>
    public Consignment Peek(string documentKey, Consignment consignment, PlatformOrder? order)
    {
        var paid = PaidPerLine(consignment, order, DeclaredNational(consignment));
        using (Reading())
        {
            var facts = new CommerceFacts(
                Entities.FactsOf(documentKey, PartyRole.Consignor),
                Entities.FactsOf(documentKey, PartyRole.Consignee),
                Entities.FactsOf(documentKey, PartyRole.NotifyParty));
            return consignment with { Commerce = facts, Goods = GoodsFacts(consignment, paid) };
        }
    }

    /// <summary>Each goods line's declared value in the national currency; 0 for a line without a value or a known currency.</summary>
    private double[] DeclaredNational(Consignment consignment)
    {
        var declared = new double[consignment.Goods.Count];
        for (var i = 0; i < declared.Length; i++)
        {
            var value = consignment.Goods[i].Value is { } money ? Configuration.Rates.ToNational(money) : double.NaN;
            declared[i] = double.IsFinite(value) ? value : 0;
        }
        return declared;
    }

    /// <summary>What the buyer paid for each goods line, in the national currency; NaN for every line without an order.</summary>
    /// <remarks>
    /// A line takes the order item of the same description, else the item in its position when the two lists are as long,
    /// else its share of the price paid by declared value; so an undervalued line among honest ones shows its own ratio.
    /// </remarks>
    private double[] PaidPerLine(Consignment consignment, PlatformOrder? order, double[] declared)
    {
        var paid = new double[declared.Length];
        Array.Fill(paid, double.NaN);
        if (order is null)
        {
            return paid;
        }
        var rates = Configuration.Rates;
        var items = order.Items;
        var used = new bool[items.Count];
        var unmatched = new List<int>();
        for (var i = 0; i < paid.Length; i++)
        {
            var description = consignment.Goods[i].Description;
            var match = -1;
            for (var j = 0; j < items.Count && match < 0; j++)
            {
                if (!used[j] && string.Equals(items[j].Description.Trim(), description.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    match = j;
                }
            }
            if (match < 0 && items.Count == paid.Length && !used[i])
            {
                match = i;
            }
            if (match < 0)
            {
                unmatched.Add(i);
                continue;
            }
            used[match] = true;
            paid[i] = rates.ToNational(new Money(items[match].LineAmount, order.Currency));
        }
        if (unmatched.Count > 0)
        {
            var rest = rates.ToNational(order.PricePaid) - paid.Where(double.IsFinite).Sum();
            var restDeclared = unmatched.Sum(i => declared[i]);
            foreach (var i in unmatched)
            {
                paid[i] = rest * (restDeclared > 0 ? declared[i] / restDeclared : 1.0 / unmatched.Count);
            }
        }
        return paid;
    }

    /// <summary>Counts an examination of a document against its parties' entities.</summary>
    public void RecordExamination(string documentKey, bool found)
    {
        using (Writing())
        {
            Entities.RecordExamination(documentKey, found);
        }
    }

    /// <summary>Reads the entity index under the writers' lock.</summary>
    internal T Read<T>(Func<EntityIndex, T> read)
    {
        using (Writing())
        {
            return read(Entities);
        }
    }

    private EntityFacts? Party(string documentKey, ProbedParty? party, bool first)
    {
        if (party is null)
        {
            return null;
        }
        return first || Entities.FactsOf(documentKey, party.Record.Role) is not { } known
            ? Entities.Add(party)
            : known;
    }

    private WriteScope Writing()
    {
        _gate.EnterWriteLock();
        return new WriteScope(_gate);
    }

    private ReadScope Reading()
    {
        _gate.EnterReadLock();
        return new ReadScope(_gate);
    }

    private readonly struct WriteScope(ReaderWriterLockSlim gate) : IDisposable
    {
        public void Dispose() => gate.ExitWriteLock();
    }

    private readonly struct ReadScope(ReaderWriterLockSlim gate) : IDisposable
    {
        public void Dispose() => gate.ExitReadLock();
    }
}

/// <summary>A consignment made ready for <see cref="CommerceIndicators.Enrich(PreparedConsignment, PlatformOrder?)"/> by <see cref="CommerceIndicators.Prepare"/>: what enriching it needs of it alone.</summary>
public sealed class PreparedConsignment
{
    internal PreparedConsignment(string documentKey, Consignment consignment, double[] declared, ProbedParty? consignor, ProbedParty? consignee, ProbedParty? notifyParty)
    {
        DocumentKey = documentKey;
        Consignment = consignment;
        Declared = declared;
        Consignor = consignor;
        Consignee = consignee;
        NotifyParty = notifyParty;
    }

    public string DocumentKey { get; }

    public Consignment Consignment { get; }

    /// <summary>Each goods line's declared value in the national currency; 0 for a line without a value or a known currency.</summary>
    internal double[] Declared { get; }

    internal ProbedParty? Consignor { get; }

    internal ProbedParty? Consignee { get; }

    internal ProbedParty? NotifyParty { get; }
}
