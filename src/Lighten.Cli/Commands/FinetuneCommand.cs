using System.ComponentModel;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Onnx;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>
/// <c>lighten finetune MODEL.onnx --data DIR --task ... [--teacher TEACHER.onnx] -o OUT.onnx</c>: continues training a
/// model at a tenth of the default learning rate, validating the starting weights first so that the written model
/// is never worse on the validation set than the one given.
/// </summary>
public sealed class FinetuneCommand(IAnsiConsole console) : Command<FinetuneCommand.Settings>
{
    /// <summary>The default learning rate of fine-tuning relative to training from scratch.</summary>
    public const double RateFactor = 0.1;

    /// <summary>Options of <c>lighten finetune</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>The model to fine-tune.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The ONNX model to fine-tune.")]
        public string Model { get; init; } = "";

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => [Model];
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var graph = settings.Prepare(settings.Model, PreparationOptions.Rewrite).Graph;
        return new TrainingJob(console, settings).Run((_, _) => graph, graph, RateFactor, validateFirst: true, cancellationToken, settings.Model);
    }
}
