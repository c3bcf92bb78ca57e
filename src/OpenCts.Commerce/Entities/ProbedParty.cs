namespace OpenCts.Commerce.Entities;

/// <summary>A party record with its name, address, contacts and identifiers normalised as the index compares them.</summary>
/// <remarks>
/// The normal forms depend on the record alone, so they can be made on any thread, for a whole batch at once, before
/// the records are added one after another in order (<see cref="EntityIndex.Add(ProbedParty)"/>): normalising was
/// about a quarter of the ordered enrichment of new consignments, which runs on one thread.
/// </remarks>
public sealed class ProbedParty
{
    public ProbedParty(PartyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
        Probe = PartyProbe.Of(record);
    }

    public PartyRecord Record { get; }

    internal PartyProbe Probe { get; }
}
