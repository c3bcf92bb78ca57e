using System.Globalization;

namespace OpenCts.Storage.Offices;

/// <summary>The check both backends make inside an examine decision's write: one open examination per consignment.</summary>
public static class OpenAssignments
{
    /// <summary>Refuses a new examination of a consignment that has an open one.</summary>
    /// <param name="open">The consignment's latest open assignment, read inside the write; null when it has none.</param>
    /// <exception cref="StoreConflictException">There is an open assignment.</exception>
    public static void ThrowIfOpen(ExaminationAssignment? open)
    {
        if (open is not null)
        {
            throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture,
                $"consignment {open.DocumentKey} already has an open examination: assigned to {open.Examiner} on {open.AssignedBy}'s decision at {open.AssignedAt:O}; it stays open until its result is recorded"));
        }
    }
}
