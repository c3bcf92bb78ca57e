namespace OpenCts.Storage.Offices;

/// <summary>What an office (a port of discharge, by UN/LOCODE, or an office code) can examine, and the share of each lane it aims at.</summary>
/// <param name="Office">The office: the UN/LOCODE of its port of discharge or its customs office code.</param>
/// <param name="ExaminationsPerDay">How many examinations it can make in a day: the red lane's capacity.</param>
/// <param name="RedShare">The share of consignments it aims to send to the red lane (0 to 1).</param>
/// <param name="YellowShare">The share it aims to send to the yellow lane (0 to 1).</param>
/// <param name="RandomShare">The share of the red lane's capacity kept for random selection (0 to 1).</param>
/// <param name="ChangedBy">Who set them.</param>
/// <param name="ChangedAt">When.</param>
public sealed record OfficeSettings(string Office, int ExaminationsPerDay, double RedShare, double YellowShare, double RandomShare, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>Office settings, each change a new version, journaled.</summary>
public interface IOfficeStore
{
    Task SaveAsync(OfficeSettings settings, CancellationToken cancellationToken);

    /// <summary>The settings in force of every office, by office.</summary>
    Task<IReadOnlyList<OfficeSettings>> AllAsync(CancellationToken cancellationToken);
}
