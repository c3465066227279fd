using System.ComponentModel;
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

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--model ZOO_NAME|MODEL.onnx is required") : base.Validate();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        bool isFile = settings.Model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || File.Exists(settings.Model);
        if (isFile)
        {
            var graph = OnnxImporter.Load(settings.Model);
            return new TrainingJob(console, settings).Run((_, _) => graph, graph, 1, validateFirst: false, cancellationToken, settings.Model);
        }
        var entry = ModelZoo.Find(settings.Model);
        if (settings.Size is null) throw new OptionException($"--size is required to build the zoo model '{entry.Name}' (for example --size 128)");
        return new TrainingJob(console, settings).Run((data, preprocess) => ModelZoo.Build(entry.Name, new ZooOptions
        {
            InputHeight = preprocess.Height,
            InputWidth = preprocess.Width,
            Task = settings.IsPose ? ZooTask.Pose : ZooTask.Classify,
            Classes = data is ClassificationData c ? c.Dataset.Classes.Count : new ZooOptions().Classes,
            Joints = data is PoseData p ? p.Joints : new ZooOptions().Joints,
            Seed = settings.Seed,
        }), null, 1, validateFirst: false, cancellationToken);
    }
}
