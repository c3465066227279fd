using System.ComponentModel;
using Lighten.Core;
using Lighten.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>Options shared by <c>lighten train</c> and <c>lighten finetune</c>: data, optimizer, schedule, seeds, checkpoints, distillation.</summary>
public abstract class TrainingSettings : PreprocessSettings
{
    /// <summary>The dataset folder.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Dataset folder with train/ and val/: for classify one folder per class in each; for pose train/annotations.json and val/annotations.json (COCO keypoints, e.g. two 'lighten data synth-pose' outputs made with different seeds).")]
    public string Data { get; init; } = "";

    /// <summary>The task.</summary>
    [CommandOption("--task <TASK>")]
    [Description("classify (cross-entropy, top-1) or pose (heatmap MSE, PCKh@0.5 or PCK@0.2).")]
    public string Task { get; init; } = "";

    /// <summary>Epochs.</summary>
    [CommandOption("--epochs <N>")]
    [Description("Passes over the training set.")]
    [DefaultValue(10)]
    public int Epochs { get; init; } = 10;

    /// <summary>Batch size.</summary>
    [CommandOption("--batch <N>")]
    [Description("Images per optimizer step.")]
    [DefaultValue(32)]
    public int Batch { get; init; } = 32;

    /// <summary>Peak learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [Description("Peak learning rate (default: sgd 0.05, adamw 0.001; finetune a tenth of these).")]
    public double? LearningRate { get; init; }

    /// <summary>Optimizer.</summary>
    [CommandOption("--optimizer <NAME>")]
    [Description("sgd (momentum 0.9) or adamw.")]
    [DefaultValue("adamw")]
    public string Optimizer { get; init; } = "adamw";

    /// <summary>Nesterov momentum.</summary>
    [CommandOption("--nesterov")]
    [Description("Use Nesterov momentum (sgd).")]
    public bool Nesterov { get; init; }

    /// <summary>Weight decay.</summary>
    [CommandOption("--weight-decay <W>")]
    [Description("Weight decay of conv and linear weights (default: sgd 1e-4, adamw 0.01).")]
    public double? WeightDecay { get; init; }

    /// <summary>Schedule.</summary>
    [CommandOption("--schedule <NAME>")]
    [Description("cosine or step (x0.1 at each third of the run, see --step-epochs).")]
    [DefaultValue("cosine")]
    public string Schedule { get; init; } = "cosine";

    /// <summary>Epochs between learning-rate steps.</summary>
    [CommandOption("--step-epochs <N>")]
    [Description("Epochs between two x0.1 decays of the step schedule.")]
    public int? StepEpochs { get; init; }

    /// <summary>Warm-up epochs.</summary>
    [CommandOption("--warmup-epochs <EPOCHS>")]
    [Description("Epochs of linear learning-rate warm-up (may be fractional).")]
    [DefaultValue(0.0)]
    public double Warmup { get; init; }

    /// <summary>Seed.</summary>
    [CommandOption("--seed <S>")]
    [Description("Seed of the data order, augmentation, dropout and zoo weights.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    /// <summary>Early-stopping patience.</summary>
    [CommandOption("--patience <EPOCHS>")]
    [Description("Stop when the validation metric has not improved for this many epochs.")]
    public int? Patience { get; init; }

    /// <summary>Checkpoint folder.</summary>
    [CommandOption("--checkpoint <DIR>")]
    [Description("Write a checkpoint there after every epoch (default: OUT.checkpoint next to the output).")]
    public string? Checkpoint { get; init; }

    /// <summary>Resume from the checkpoint.</summary>
    [CommandOption("--resume")]
    [Description("Continue an interrupted run from its checkpoint (same options; --epochs may grow).")]
    public bool Resume { get; init; }

    /// <summary>Classification crop.</summary>
    [CommandOption("--augment <CROP>")]
    [Description("Classifier crop: resized (random 35-100 % area), pad (shift by up to 1/8) or none.")]
    [DefaultValue("resized")]
    public string Augment { get; init; } = "resized";

    /// <summary>No flips.</summary>
    [CommandOption("--no-flip")]
    [Description("Do not mirror training images (pose flips swap left and right joints).")]
    public bool NoFlip { get; init; }

    /// <summary>Width of the pose targets' Gaussians.</summary>
    [CommandOption("--heatmap-sigma <S>")]
    [Description("Pose: the width in heatmap pixels of the Gaussian on each joint's target (default 2, SimpleBaseline's; the pipeline's data.heatmap_sigma).")]
    public double? HeatmapSigma { get; init; }

    /// <summary>Decoding threads.</summary>
    [CommandOption("--workers <N>")]
    [Description("Threads decoding and augmenting images while training.")]
    [DefaultValue(2)]
    public int Workers { get; init; } = 2;

    /// <summary>Teacher model.</summary>
    [CommandOption("--teacher <MODEL.onnx>")]
    [Description("Distil from this model (same input and output shape): loss = alpha x task + (1 - alpha) x (heatmap MSE, or KL of softened logits x T²).")]
    public string? Teacher { get; init; }

    /// <summary>Distillation weight.</summary>
    [CommandOption("--alpha <A>")]
    [Description("Weight of the task loss with --teacher.")]
    [DefaultValue(0.5)]
    public double Alpha { get; init; } = 0.5;

    /// <summary>Distillation temperature.</summary>
    [CommandOption("--temperature <T>")]
    [Description("Softening temperature of classification logits with --teacher.")]
    [DefaultValue(4.0)]
    public double Temperature { get; init; } = 4;

    /// <summary>Mixed-precision training.</summary>
    [CommandOption("--mixed-precision <TYPE>")]
    [Description("bf16: forward and backward in bfloat16 with float32 master weights (BatchNorm statistics stay float32), or off.")]
    [DefaultValue("off")]
    public string MixedPrecision { get; init; } = "off";

    /// <summary>Output model.</summary>
    [CommandOption(SharedOptions.Output)]
    [Description("The trained model to write (the best validated weights).")]
    public string Output { get; init; } = "";

    /// <summary>Whether the task is pose estimation.</summary>
    public bool IsPose => Task == "pose";

    /// <inheritdoc/>
    protected override ValidationResult ValidateOptions() =>
        string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data DIR is required")
        : Task is not ("classify" or "pose") ? ValidationResult.Error($"--task must be classify or pose{(Task.Length > 0 ? $", got '{Task}'" : "")}")
        : string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o OUT.onnx is required")
        : HeatmapSigma is not null && !IsPose ? ValidationResult.Error("--heatmap-sigma is the width of pose targets; this is --task classify")
        : HeatmapSigma is { } s && !(s >= 0.25 && s <= 32) ? ValidationResult.Error(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--heatmap-sigma must lie in [0.25, 32], got {s}"))
        : base.ValidateOptions();

    /// <summary>The trainer's options; <paramref name="defaultRateFactor"/> scales the optimizer's default learning rate.</summary>
    /// <exception cref="OptionException">A value is out of range or unknown.</exception>
    public TrainingOptions ToOptions(Graph? teacher, double defaultRateFactor, bool validateFirst)
    {
        var optimizer = Optimizer.ToLowerInvariant() switch
        {
            "sgd" => OptimizerKind.Sgd,
            "adamw" => OptimizerKind.AdamW,
            _ => throw new OptionException($"--optimizer '{Optimizer}' is not sgd or adamw"),
        };
        var schedule = Schedule.ToLowerInvariant() switch
        {
            "cosine" => ScheduleKind.Cosine,
            "step" => ScheduleKind.Step,
            _ => throw new OptionException($"--schedule '{Schedule}' is not cosine or step"),
        };
        var mixed = MixedPrecision.ToLowerInvariant() switch
        {
            "off" => Lighten.Training.MixedPrecision.Off,
            "bf16" => Lighten.Training.MixedPrecision.Bf16,
            "fp16" => throw new OptionException("--mixed-precision fp16 needs loss scaling on a GPU; this build trains on the CPU: use bf16"),
            _ => throw new OptionException($"--mixed-precision '{MixedPrecision}' is not bf16 or off"),
        };
        var options = new TrainingOptions
        {
            Epochs = Epochs,
            BatchSize = Batch,
            Optimizer = optimizer,
            Nesterov = Nesterov,
            WeightDecay = WeightDecay,
            Schedule = schedule,
            StepEpochs = StepEpochs,
            WarmupEpochs = Warmup,
            Seed = Seed,
            Patience = Patience,
            Workers = Workers,
            Threads = Threads,
            ValidateBeforeTraining = validateFirst,
            CheckpointDirectory = Checkpoint ?? Path.ChangeExtension(Output, ".checkpoint"),
            Resume = Resume,
            MixedPrecision = mixed,
            Distillation = teacher is null ? null : new DistillationOptions(teacher) { Alpha = Alpha, Temperature = Temperature },
        };
        return options with { LearningRate = LearningRate ?? options.ResolvedLearningRate * defaultRateFactor };
    }

    /// <summary>The classifier augmentation the flags ask for.</summary>
    public ClassificationAugmentation ClassificationAugmentation() => new()
    {
        Crop = Augment.ToLowerInvariant() switch
        {
            "resized" => ClassificationCrop.RandomResized,
            "pad" => ClassificationCrop.PadCrop,
            "none" => ClassificationCrop.None,
            _ => throw new OptionException($"--augment '{Augment}' is not resized, pad or none"),
        },
        Flip = !NoFlip,
    };

    /// <summary>The pose augmentation the flags ask for.</summary>
    public PoseAugmentation PoseAugmentation() => new() { Flip = !NoFlip };
}
