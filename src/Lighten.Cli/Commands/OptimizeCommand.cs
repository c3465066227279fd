using System.ComponentModel;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;
using Lighten.Core.Transforms.Preparation;


namespace Lighten.Cli.Commands;

/// <summary><c>lighten optimize MODEL -o OUT</c>: runs the cleanup passes and writes the result.</summary>
public sealed class OptimizeCommand(IAnsiConsole console) : Command<OptimizeCommand.Settings>
{
    /// <summary>Options of <c>lighten optimize</c>.</summary>
    public sealed class Settings : ModelSettings
    {
        /// <summary>Where to write the optimized model.</summary>
        [CommandOption(SharedOptions.Output)]
        [Description("The ONNX file to write (never the input).")]
        public string Output { get; init; } = "";

        /// <summary>Print JSON instead of a table.</summary>
        [CommandOption(SharedOptions.Json)]
        [Description(SharedOptions.JsonHelp)]
        public bool Json { get; init; }

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o PATH is required") : ValidationResult.Success();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        OutputGuard.EnsureNotInput(settings.Output, settings.Model);
        var graph = settings.Prepare(settings.Model, PreparationOptions.Analysis).Graph;
        var result = Optimize.Run(graph);
        GraphValidator.Validate(result.Graph);
        OnnxExporter.Save(result.Graph, settings.Output);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(OptimizeJson.Format(graph.Nodes.Length, result.Graph.Nodes.Length, result.Passes, settings.Output));
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("pass").AddColumn(new TableColumn("changes").RightAligned()).AddColumn("details");
        foreach (var pass in result.Passes)
            table.AddRow(pass.Pass, pass.Changes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("; ", pass.Details.Take(3)) + (pass.Details.Length > 3 ? $"; … {pass.Details.Length - 3} more" : "")));
        console.Write(table);
        console.MarkupLine($"nodes {graph.Nodes.Length} → {result.Graph.Nodes.Length}; wrote [bold]{Markup.Escape(settings.Output)}[/]");
        return 0;
    }
}
