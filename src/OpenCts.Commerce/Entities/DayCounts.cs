namespace OpenCts.Commerce.Entities;

/// <summary>Consignment counts and values per UTC day over the last <see cref="KeptDays"/> days, in a few bytes when there is one day.</summary>
/// <remarks>
/// Most parties appear once, so the first day sits inline and an array is made only for a second day. Days more than
/// <see cref="KeptDays"/> before the latest are dropped, which bounds the memory per entity and per address; a
/// record that arrives later than that is counted in the totals but not in the 30-day windows.
/// </remarks>
internal struct DayCounts
{
    /// <summary>Days kept behind the latest: a 30-day window plus room for records that arrive a little out of order.</summary>
    public const int KeptDays = 32;

    private int singleDay;
    private int singleCount;
    private double singleValue;
    private DayBucket[]? many;

    // With an array the single day is unused, and its field counts the buckets: 24 bytes rather than 32, in every
    // entity and every address of the index.
    private int ManyCount
    {
        readonly get => singleDay;
        set => singleDay = value;
    }

    public readonly bool IsEmpty => many is null && singleCount == 0;

    /// <summary>Adds (or with a negative count, removes) consignments on a day.</summary>
    public void Add(int day, int count, double value)
    {
        if (many is null)
        {
            if (singleCount == 0 || singleDay == day)
            {
                singleDay = day;
                singleCount += count;
                singleValue += value;
                return;
            }
            many = new DayBucket[4];
            many[0] = new DayBucket(singleDay, singleCount, singleValue);
            ManyCount = 1;
            singleCount = 0;
            singleValue = 0;
        }
        var latest = int.MinValue;
        for (var i = 0; i < ManyCount; i++)
        {
            if (many[i].Day == day)
            {
                many[i].Count += count;
                many[i].Value += value;
                return;
            }
            latest = Math.Max(latest, many[i].Day);
        }
        if (day <= latest - KeptDays)
        {
            return;
        }
        if (ManyCount == many.Length)
        {
            Array.Resize(ref many, Math.Min(many.Length * 2, KeptDays + 2));
        }
        many[ManyCount++] = new DayBucket(day, count, value);
        if (day > latest)
        {
            Prune(day);
        }
    }

    /// <summary>The count and value over the days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public readonly (int Count, double Value) Sum(int from, int to)
    {
        if (many is null)
        {
            return singleCount > 0 && singleDay >= from && singleDay <= to ? (singleCount, singleValue) : (0, 0);
        }
        var count = 0;
        var value = 0.0;
        for (var i = 0; i < ManyCount; i++)
        {
            if (many[i].Day >= from && many[i].Day <= to)
            {
                count += many[i].Count;
                value += many[i].Value;
            }
        }
        return (count, value);
    }

    /// <summary>Adds every day of <paramref name="other"/>.</summary>
    public void AddAll(in DayCounts other)
    {
        if (other.many is null)
        {
            if (other.singleCount != 0)
            {
                Add(other.singleDay, other.singleCount, other.singleValue);
            }
            return;
        }
        // Newest first, so that older days are judged against the final latest day.
        var buckets = other.many.AsSpan(0, other.ManyCount).ToArray();
        Array.Sort(buckets, (x, y) => y.Day.CompareTo(x.Day));
        foreach (var bucket in buckets)
        {
            Add(bucket.Day, bucket.Count, bucket.Value);
        }
    }

    /// <summary>Writes the days as they are held: the inline day, or the buckets in use and the array's length.</summary>
    public readonly void Save(BinaryWriter writer)
    {
        // With an array, the inline day is the count of buckets in use.
        writer.Write(singleDay);
        writer.Write(singleCount);
        writer.Write(singleValue);
        writer.Write(many?.Length ?? -1);
        if (many is not null)
        {
            SnapshotFormat.WriteSpan<DayBucket>(writer, many.AsSpan(0, ManyCount));
        }
    }

    /// <summary>Reads days written by <see cref="Save"/>: an array of the same length, so it grows when the original would.</summary>
    public static DayCounts Load(BinaryReader reader, string what)
    {
        var days = new DayCounts { singleDay = reader.ReadInt32(), singleCount = reader.ReadInt32(), singleValue = reader.ReadDouble() };
        var length = reader.ReadInt32();
        if (length == -1)
        {
            return days;
        }
        if (length < 1 || length > KeptDays + 2 || days.ManyCount < 0 || days.ManyCount > length)
        {
            throw new InvalidDataException($"{what}: {days.ManyCount} day buckets in an array of {length} out of range (at most {KeptDays + 2})");
        }
        days.many = new DayBucket[length];
        SnapshotFormat.ReadSpan(reader, days.many.AsSpan(0, days.ManyCount), what);
        return days;
    }

    private void Prune(int latest)
    {
        var kept = 0;
        for (var i = 0; i < ManyCount; i++)
        {
            if (many![i].Day > latest - KeptDays)
            {
                many[kept++] = many[i];
            }
        }
        ManyCount = kept;
    }

    private record struct DayBucket(int Day, int Count, double Value);
}
