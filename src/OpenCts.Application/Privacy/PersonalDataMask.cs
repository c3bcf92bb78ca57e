using System.Text;
using OpenCts.Application.Consignments;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;

namespace OpenCts.Application.Privacy;

/// <summary>Masks the personal data of consignments: parties' names, phones, e-mails and streets, and the same values wherever a reason quotes them.</summary>
/// <remarks>
/// A masked name keeps each word's first letter and its length (<c>ALPHA TRADING</c> becomes <c>A•••• T••••••</c>), so an
/// officer can still tell two parties apart on one consignment without learning who they are. Countries, cities,
/// identifiers of companies (EORI) and everything about the goods and the voyage stay: targeting reads them.
/// </remarks>
public static class PersonalDataMask
{
    /// <summary>The character that stands for a hidden one.</summary>
    public const char Dot = '•';

    private static readonly string[] PersonalLeaves = ["name", "phone", "email", "street"];
    private static readonly string[] NotPersons = ["vessel", "carrier", "transport", "goods", "equipment", "document", "voyage", "flight"];

    /// <summary><c>ALPHA TRADING</c> as <c>A•••• T••••••</c>.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var masked = new StringBuilder(value.Length);
        var start = true;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                masked.Append(c);
                start = true;
            }
            else
            {
                masked.Append(start && char.IsLetterOrDigit(c) ? c : Dot);
                start = false;
            }
        }
        return masked.ToString();
    }

    /// <summary>Whether a field path names personal data, such as <c>consignee.name</c> or <c>parties[1].phone</c>; <c>vessel.name</c> does not.</summary>
    public static bool IsPersonalField(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var path = field.ToLowerInvariant();
        var leaf = path[(path.LastIndexOfAny(['.', '/']) + 1)..];
        var bracket = leaf.IndexOf('[', StringComparison.Ordinal);
        leaf = bracket >= 0 ? leaf[..bracket] : leaf;
        return PersonalLeaves.Contains(leaf, StringComparer.Ordinal) && !NotPersons.Any(n => path.StartsWith(n, StringComparison.Ordinal));
    }

    /// <summary>The consignment with its parties masked.</summary>
    public static Consignment Consignment(Consignment consignment)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        return consignment with { Parties = new ValueList<Party>(consignment.Parties.Select(Party)) };
    }

    /// <summary>A party with its name, phone, e-mail and street masked.</summary>
    public static Party Party(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return party with
        {
            Name = Mask(party.Name),
            // A phone number's first digits are its country and area: nothing of it is kept.
            Phone = party.Phone is { } phone ? new string([.. phone.Select(c => char.IsWhiteSpace(c) ? c : Dot)]) : null,
            // The domain of an address says which company; the mailbox, who.
            Email = party.Email is { } email ? new string(Dot, 3) + email[email.IndexOf('@', StringComparison.Ordinal)..] : null,
            Address = party.Address is { Street: { } street } address ? address with { Street = Mask(street) } : party.Address,
        };
    }

    /// <summary>An assessment whose reasons no longer quote personal values.</summary>
    public static Assessment Assessment(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return assessment with { Reasons = new ValueList<Reason>(assessment.Reasons.Select(Reason)) };
    }

    /// <summary>A worklist row whose reasons no longer quote personal values.</summary>
    public static TargetRow Row(TargetRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row with { Assessment = Assessment(row.Assessment) };
    }

    /// <summary>Everything an officer reads of a consignment, with its personal data masked: parties, changes to them, and reasons quoting them.</summary>
    public static ConsignmentDetail Detail(ConsignmentDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return detail with
        {
            Versions = [.. detail.Versions.Select(v => new ConsignmentVersionView(
                v.Stored with { Consignment = Consignment(v.Stored.Consignment) },
                [.. v.Changes.Select(Change)]))],
            Current = detail.Current is { } current ? Assessment(current) : null,
            Assessments = [.. detail.Assessments.Select(Assessment)],
        };
    }

    /// <summary>A related consignment with its parties masked, and what links it masked when that is a party or an address.</summary>
    public static RelatedConsignment Related(RelatedConsignment related)
    {
        ArgumentNullException.ThrowIfNull(related);
        return related with
        {
            Consignment = related.Consignment with { Consignment = Consignment(related.Consignment.Consignment) },
            Assessment = related.Assessment is { } assessment ? Assessment(assessment) : null,
            Shared = [.. related.Shared.Select(link => link.StartsWith("party: ", StringComparison.Ordinal) || link.StartsWith("address: ", StringComparison.Ordinal)
                ? link[..(link.IndexOf(':', StringComparison.Ordinal) + 2)] + Mask(link[(link.IndexOf(':', StringComparison.Ordinal) + 2)..])
                : link)],
        };
    }

    private static FieldChange Change(FieldChange change) => IsPersonalField(change.Field)
        ? change with { Before = change.Before is null ? null : Mask(change.Before), After = change.After is null ? null : Mask(change.After) }
        : change;

    // The values a reason's evidence holds of personal fields are masked, and so is any mention of them in its title and detail.
    private static Reason Reason(Reason reason)
    {
        var personal = reason.Evidence.Where(e => IsPersonalField(e.Field) && e.Value.Length > 0).Select(e => e.Value).Distinct(StringComparer.Ordinal).ToList();
        if (personal.Count == 0)
        {
            return reason;
        }
        string Scrub(string text) => personal.Aggregate(text, (t, value) => t.Replace(value, Mask(value), StringComparison.OrdinalIgnoreCase));
        return reason with
        {
            Title = Scrub(reason.Title),
            Detail = Scrub(reason.Detail),
            Evidence = new ValueList<Evidence>(reason.Evidence.Select(e => IsPersonalField(e.Field) ? e with { Value = Mask(e.Value) } : e)),
        };
    }
}
