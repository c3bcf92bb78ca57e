using System.Text.Json;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Profiles;
using OpenCts.Domain.Serialization;

namespace OpenCts.Targeting.Catalog;

/// <summary>A file of risk profiles that analysts keep under version control: <c>{"profiles": [...]}</c> (see <c>docs/profiles.md</c>).</summary>
public static class ProfileFile
{
    /// <summary>Reads every profile of a file; an error names the file and the JSON path of the bad field.</summary>
    /// <exception cref="FormatException">The file is not valid JSON or a profile breaks a rule.</exception>
    public static IReadOnlyList<RiskProfile> Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {e.Message.Split([" LineNumber:", " Path:"], StringSplitOptions.None)[0]}");
        }
        using (document)
        {
            try
            {
                var root = new JsonFields(document.RootElement, "", "$schema", "profiles");
                var profiles = root.List("profiles", Read);
                var duplicate = profiles.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    throw new DomainException("profiles", $"the id '{duplicate.Key}' is used by {duplicate.Count()} profiles");
                }
                return profiles;
            }
            catch (DomainException e)
            {
                throw new FormatException($"{path}: {e.Message}", e);
            }
        }
    }

    private static RiskProfile Read(JsonElement element, string path)
    {
        var f = new JsonFields(element, path, "id", "name", "category", "criteria", "weight", "action", "owner", "status", "validFrom", "validTo", "description");
        var weight = f.Decimal("weight") ?? throw new DomainException(f.At("weight"), "is required");
        return new RiskProfile(
            f.RequiredString("id"),
            f.RequiredString("name"),
            f.Enum<ThreatCategory>("category") ?? throw new DomainException(f.At("category"), "is required"),
            f.RequiredString("criteria"),
            (double)weight,
            f.Enum<ProfileAction>("action") ?? throw new DomainException(f.At("action"), "is required"),
            f.RequiredString("owner"),
            f.Enum<ProfileStatus>("status") ?? ProfileStatus.Active,
            1,
            f.Instant("validFrom"),
            f.Instant("validTo"),
            f.String("description"));
    }
}
