using OpenCts.Targeting.Profiles.Fields;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Profiles;

/// <summary><c>cts profiles fields</c>: the field catalogue of the profile language.</summary>
internal sealed class ProfilesFieldsCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("field", "type", "meaning");
        foreach (var field in FieldCatalogue.Fields.Values)
        {
            table.AddRow(Markup.Escape(field.Path), field.Type.ToString(), Markup.Escape(field.Description + (field.Values is null ? "" : $" ({string.Join(", ", field.Values)})")));
        }
        foreach (var collection in FieldCatalogue.Collections.Values)
        {
            foreach (var field in collection.Fields.Values)
            {
                var path = field.Path.Length == 0 ? collection.Name : $"{collection.Name}.{field.Path}";
                table.AddRow(Markup.Escape(path), field.Type.ToString(), Markup.Escape($"{collection.Description} {field.Description} (inside any/all/count {collection.Name}:)"));
            }
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("Functions: list(\"name\"), screen(party[, \"list\"]), passesThrough(country or list), date(\"2026-12-01\"), now(), days(duration), len(text).");
        return 0;
    }
}
