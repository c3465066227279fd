using System.ComponentModel;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Zoo;
using Lighten.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten train --model ZOO_NAME|MODEL.onnx --task pose|classify --data DIR -o OUT.onnx</c>: trains a model from its starting weights.</summary>
public sealed class TrainCommand(IAnsiConsole console) : Command<TrainCommand.Settings>
{
    /// <summary>Options of <c>lighten train</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>A zoo name or an ONNX file.</summary>
        [CommandOption("--model <NAME|FILE>")]
        [Description("A zoo model (see 'lighten zoo list'; built for --size, the dataset's classes or joints, and --seed) or an ONNX file.")]
        public string Model { get; init; } = "";

        /// <summary>Whether <see cref="Model"/> names an ONNX file rather than a zoo model.</summary>
        public bool ModelIsFile => Model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || File.Exists(Model) || Directory.Exists(Model);

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => ModelIsFile ? [Model] : [];

        /// <summary>Channels of a 1×1 bottleneck before each deconvolution of a zoo pose model.</summary>
        [CommandOption("--bottleneck <K>")]
        [Description("Zoo pose models: a 1x1 Conv+BN+ReLU to K channels before each ConvTranspose of the head (G2 built in).")]
        public int? Bottleneck { get; init; }

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--model ZOO_NAME|MODEL.onnx is required")
            : Bottleneck is < 1 ? ValidationResult.Error("--bottleneck must be at least 1")
            : base.ValidateOptions();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.ModelIsFile)
        {
            if (settings.Bottleneck is not null) throw new OptionException("--bottleneck applies to zoo pose models, not to an ONNX file (use 'lighten factorize')");
            var graph = settings.Prepare(settings.Model, PreparationOptions.Rewrite).Graph;
            return new TrainingJob(console, settings).Run((_, _) => graph, graph, 1, validateFirst: false, cancellationToken, settings.Model);
        }
        var entry = ModelZoo.Find(settings.Model);
        if (settings.Bottleneck is not null && !settings.IsPose) throw new OptionException("--bottleneck applies to pose models; add --task pose");
        if (settings.Size is null) throw new OptionException($"--size is required to build the zoo model '{entry.Name}' (for example --size 128)");
        return new TrainingJob(console, settings).Run((data, preprocess) => ModelZoo.Build(entry.Name, new ZooOptions
        {
            InputHeight = preprocess.Height,
            InputWidth = preprocess.Width,
            Task = settings.IsPose ? ZooTask.Pose : ZooTask.Classify,
            Classes = data is ClassificationData c ? c.Dataset.Classes.Count : new ZooOptions().Classes,
            Joints = data is PoseData p ? p.Joints : new ZooOptions().Joints,
            BottleneckChannels = settings.Bottleneck,
            Seed = settings.Seed,
        }), null, 1, validateFirst: false, cancellationToken);
    }
}
