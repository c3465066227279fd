using System.Globalization;
using Lighten.Core;

namespace Lighten.Training.Trainer;

/// <summary>How <see cref="ModelTrainer"/> trains: optimizer, schedule, batches, seeds, validation, checkpoints, distillation, masks.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per optimizer step; the last incomplete batch of an epoch is dropped (BatchNormalization needs several samples).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>Peak learning rate; null takes the optimizer's default (SGD 0.05, AdamW 0.001).</summary>
    public double? LearningRate { get; init; }

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Use Nesterov momentum with SGD.</summary>
    public bool Nesterov { get; init; }

    /// <summary>
    /// Weight decay of the weights of rank 2 and more (biases and normalization parameters get none); null takes the
    /// optimizer's default (SGD 1e-4 as an L2 term, AdamW 0.01 decoupled).
    /// </summary>
    public double? WeightDecay { get; init; }

    /// <summary>The learning-rate schedule after warm-up.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Cosine;

    /// <summary>Epochs (may be fractional) of linear warm-up.</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Epochs between two decays of a step schedule; null decays at each third of the run.</summary>
    public int? StepEpochs { get; init; }

    /// <summary>Decay factor of a step schedule.</summary>
    public double StepGamma { get; init; } = 0.1;

    /// <summary>Seed of the data order, the augmentation and libtorch's generator (dropout).</summary>
    public int Seed { get; init; }

    /// <summary>Stop when the validation metric has not improved for this many epochs; null never stops early.</summary>
    public int? Patience { get; init; }

    /// <summary>Validate the starting weights too, so that a fine-tuned model never ships worse than it started.</summary>
    public bool ValidateBeforeTraining { get; init; }

    /// <summary>Threads decoding and augmenting images while the model trains.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Batches decoded ahead of the one training; bounds the memory in use.</summary>
    public int Prefetch { get; init; } = 3;

    /// <summary>libtorch's intra-op threads (process-wide, set when training starts); null keeps libtorch's choice.</summary>
    public int? Threads { get; init; }

    /// <summary>Folder of the checkpoint written after every epoch; null writes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>Distillation from a teacher; null trains on the task loss alone.</summary>
    public DistillationOptions? Distillation { get; init; }

    /// <summary>Masks of weights whose zeros stay fixed (pruning): initializer name to a tensor of its shape, zero where the weight must stay zero.</summary>
    public IReadOnlyDictionary<string, TensorData>? Masks { get; init; }

    /// <summary>Gradual magnitude pruning: the masks of its weights follow the schedule (epochs before it ends never count as the best).</summary>
    public SparsitySchedule? Sparsity { get; init; }

    /// <summary>The learning rate used: <see cref="LearningRate"/> or the optimizer's default.</summary>
    public double ResolvedLearningRate => LearningRate ?? (Optimizer == OptimizerKind.Sgd ? 0.05 : 0.001);

    /// <summary>The weight decay used: <see cref="WeightDecay"/> or the optimizer's default.</summary>
    public double ResolvedWeightDecay => WeightDecay ?? (Optimizer == OptimizerKind.Sgd ? 1e-4 : 0.01);

    /// <summary>Throws <see cref="OptionException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw Bad("epochs must be at least 1", Epochs);
        if (BatchSize < 1) throw Bad("the batch size must be at least 1", BatchSize);
        if (!(ResolvedLearningRate > 0) || double.IsInfinity(ResolvedLearningRate)) throw Bad("the learning rate must be positive", ResolvedLearningRate);
        if (!(Momentum >= 0 && Momentum < 1)) throw Bad("the momentum must lie in [0, 1)", Momentum);
        if (Nesterov && (Optimizer != OptimizerKind.Sgd || Momentum == 0)) throw new OptionException("Nesterov momentum needs the SGD optimizer with a momentum above 0");
        if (!(ResolvedWeightDecay >= 0) || double.IsInfinity(ResolvedWeightDecay)) throw Bad("the weight decay must be 0 or more", ResolvedWeightDecay);
        if (!(WarmupEpochs >= 0 && WarmupEpochs <= Epochs)) throw Bad($"the warm-up must lie between 0 and the {Epochs} epochs", WarmupEpochs);
        if (StepEpochs is < 1) throw Bad("the epochs between learning-rate steps must be at least 1", StepEpochs);
        if (!(StepGamma > 0) || double.IsInfinity(StepGamma)) throw Bad("the step schedule's factor must be positive", StepGamma);
        if (Patience is < 1) throw Bad("the patience must be at least 1 epoch", Patience);
        if (Workers < 1) throw Bad("decoding workers must be at least 1", Workers);
        if (Threads is < 1) throw Bad("libtorch threads must be at least 1", Threads);
        if (Prefetch < 1) throw Bad("the batches decoded ahead must be at least 1", Prefetch);
        if (Resume && CheckpointDirectory is null) throw new OptionException("resuming needs a checkpoint folder");
        Distillation?.Validate();
        Sparsity?.Validate();
    }

    private static OptionException Bad(string what, object? value) =>
        new($"{what}, got {Convert.ToString(value, CultureInfo.InvariantCulture)}");
}
