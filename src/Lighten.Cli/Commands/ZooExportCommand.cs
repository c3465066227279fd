using System.ComponentModel;
using System.Globalization;
using Lighten.Cli.Rendering;
using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Zoo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten zoo export NAME --input-shape input=1x3x256x256 -o FILE</c>: builds a zoo model and writes it as ONNX.</summary>
public sealed class ZooExportCommand(IAnsiConsole console) : Command<ZooExportCommand.Settings>
{
    /// <summary>Options of <c>lighten zoo export</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The zoo model's name.</summary>
        [CommandArgument(0, "<NAME>")]
        [Description("The zoo model (see 'lighten zoo list').")]
        public string Name { get; init; } = "";

        /// <summary>The input shape NxCxHxW (C must be 3), optionally after the input's name: <c>input=1x3x256x256</c>.</summary>
        [CommandOption(SharedOptions.InputShape)]
        [Description("The input's shape NxCxHxW, e.g. input=1x3x256x256 (the name, input, may be left out). The file keeps a dynamic batch; N is the batch the MACs are shown for.")]
        [DefaultValue("input=1x3x224x224")]
        public string Input { get; init; } = "input=1x3x224x224";

        /// <summary>The head: classify or pose.</summary>
        [CommandOption("--task <TASK>")]
        [Description("classify or pose (default: the name's; pose_* names are pose models).")]
        public string? Task { get; init; }

        /// <summary>Classes of a classifier.</summary>
        [CommandOption("--classes <N>")]
        [Description("Classes of a classifier (default 1000).")]
        public int? Classes { get; init; }

        /// <summary>Joints of a pose model.</summary>
        [CommandOption("--joints <N>")]
        [Description("Joint heatmaps of a pose model (default 16).")]
        public int? Joints { get; init; }

        /// <summary>Channels of the pose head's deconvolutions.</summary>
        [CommandOption("--deconv-channels <N>")]
        [Description("Output channels of each ConvTranspose of the pose head (default 256).")]
        public int? DeconvChannels { get; init; }

        /// <summary>Channels of a 1×1 bottleneck before each deconvolution.</summary>
        [CommandOption("--bottleneck <K>")]
        [Description("Insert a 1x1 Conv+BN+ReLU to K channels before each ConvTranspose of the pose head.")]
        public int? Bottleneck { get; init; }

        /// <summary>Width multiplier of a MobileNet.</summary>
        [CommandOption("--width <W>")]
        [Description("Width multiplier (mobilenet_v2, mobilenet_v3_large, mobilenet_v3_small).")]
        public double? Width { get; init; }

        /// <summary>Seed of the weight initialization.</summary>
        [CommandOption("--seed <S>")]
        [Description("Seed of the weight initialization; the same seed writes the same file.")]
        [DefaultValue(0)]
        public int Seed { get; init; }

        /// <summary>Where to write the model.</summary>
        [CommandOption(SharedOptions.Output)]
        [Description("The ONNX file to write.")]
        public string Output { get; init; } = "";

        /// <summary>Print JSON instead of a line of text.</summary>
        [CommandOption(SharedOptions.Json)]
        [Description(SharedOptions.JsonHelp)]
        public bool Json { get; init; }

        /// <summary>Print a stack trace with errors.</summary>
        [CommandOption(SharedOptions.Verbose)]
        [Description(SharedOptions.VerboseHelp)]
        public bool Verbose { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o PATH is required") : ValidationResult.Success();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (batch, height, width) = ParseInput(settings.Input);
        var entry = ModelZoo.Find(settings.Name);
        var task = settings.Task is null ? entry.Task : ParseTask(settings.Task);
        if (task == ZooTask.Pose && settings.Classes is not null)
            throw new OptionException($"--classes applies to classifiers; '{settings.Name}' is built as a pose model (use --joints)");
        if (task == ZooTask.Classify && (settings.Joints ?? settings.DeconvChannels ?? settings.Bottleneck) is not null)
            throw new OptionException("--joints, --deconv-channels and --bottleneck apply to pose models; add --task pose");

        var defaults = new ZooOptions();
        var options = new ZooOptions
        {
            InputHeight = height,
            InputWidth = width,
            Task = task,
            Classes = settings.Classes ?? defaults.Classes,
            Joints = settings.Joints ?? defaults.Joints,
            DeconvChannels = settings.DeconvChannels ?? defaults.DeconvChannels,
            BottleneckChannels = settings.Bottleneck,
            WidthMultiplier = settings.Width,
            Seed = settings.Seed,
        };
        var graph = ModelZoo.Build(settings.Name, options);
        var macs = Profiler.Run(graph, new ProfileOptions { Batch = batch }).Totals.Macs;
        OnnxExporter.Save(graph, settings.Output);
        long parameters = TrainableParameters.Count(graph);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(ZooExportJson.Format(graph, parameters, macs, batch, settings.Output));
            return 0;
        }
        console.MarkupLine($"[bold]{Markup.Escape(graph.Name)}[/]: input {graph.Inputs[0].Shape}, output {graph.Outputs[0].Shape}, "
            + $"{parameters.ToString("N0", CultureInfo.InvariantCulture)} params, {Units.Count(macs)} MACs at batch {batch}");
        console.MarkupLine($"wrote [bold]{Markup.Escape(settings.Output)}[/]");
        return 0;
    }

    private static (int Batch, int Height, int Width) ParseInput(string spec)
    {
        int equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0 && spec[..equals] != NetBuilder.InputName)
            throw BadInput(spec, $"the zoo's models have one input, '{NetBuilder.InputName}', not '{spec[..equals]}'");
        var parts = spec[(equals + 1)..].Split('x', 'X');
        var dims = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] <= 0)
                throw BadInput(spec, $"dimension {i} ('{parts[i]}') is not a positive integer");
        if (dims.Length != 4) throw BadInput(spec, $"it has {dims.Length} dimensions, not 4");
        if (dims[1] != 3) throw BadInput(spec, $"the zoo's models take 3 channels, not {dims[1]}");
        return (dims[0], dims[2], dims[3]);
    }

    private static OptionException BadInput(string spec, string why) => new($"--input-shape '{spec}' is not [input=]NxCxHxW like input=1x3x256x256: {why}");

    private static ZooTask ParseTask(string text) => text.ToLowerInvariant() switch
    {
        "classify" => ZooTask.Classify,
        "pose" => ZooTask.Pose,
        _ => throw new OptionException($"--task '{text}' is not classify or pose"),
    };
}
