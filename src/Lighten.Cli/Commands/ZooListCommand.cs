using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Cli.Rendering;
using Lighten.Core.Zoo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten zoo list</c>: the zoo's models with their parameters and MACs at 224×224.</summary>
public sealed class ZooListCommand(IAnsiConsole console) : Command<ZooListCommand.Settings>
{
    /// <summary>Options of <c>lighten zoo list</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Print JSON instead of a table.</summary>
        [CommandOption(SharedOptions.Json)]
        [Description("Print the list as JSON.")]
        public bool Json { get; init; }

        /// <summary>Print a stack trace with errors.</summary>
        [CommandOption(SharedOptions.Verbose)]
        [Description(SharedOptions.VerboseHelp)]
        public bool Verbose { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var summaries = ModelZoo.Names.Select(name => ModelZoo.Summarize(name)).ToList();
        if (settings.Json)
        {
            var json = new JsonArray([.. summaries.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Entry.Name,
                ["task"] = s.Entry.Task.ToString().ToLowerInvariant(),
                ["backbone"] = s.Entry.Backbone,
                ["params"] = s.Parameters,
                ["macs"] = s.Macs,
                ["input"] = new JsonArray(1, 3, s.InputHeight, s.InputWidth),
                ["description"] = s.Entry.Description,
            })]);
            console.Profile.Out.Writer.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("name").NoWrap()).AddColumn("task").AddColumn(new TableColumn("params").RightAligned())
            .AddColumn(new TableColumn("MACs").RightAligned()).AddColumn("architecture");
        foreach (var s in summaries)
            table.AddRow(s.Entry.Name, s.Entry.Task.ToString().ToLowerInvariant(), s.Parameters.ToString("N0", CultureInfo.InvariantCulture),
                Units.Count(s.Macs), Markup.Escape(s.Entry.Description));
        table.Caption("MACs at 1x3x224x224; classifiers with 1000 classes, pose models with 16 joints");
        console.Write(table);
        return 0;
    }
}
