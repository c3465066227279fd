using Lighten.Core.Targets;
using Lighten.Core.Transforms.Backbone;
using Lighten.Runtime;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Backbone;

/// <summary>Options of <see cref="BackboneSearch.Run"/>.</summary>
public sealed record BackboneSearchOptions
{
    /// <summary>
    /// The default candidates: every lightweight backbone of the zoo (<see cref="Lighten.Core.Zoo.ModelZoo.GraftCandidates"/>,
    /// the guideline's MobileNetV2/V3 and ShuffleNetV2 at each width the zoo builds).
    /// </summary>
    public static IReadOnlyList<string> DefaultCandidates => Lighten.Core.Zoo.ModelZoo.GraftCandidates;

    /// <summary>Zoo backbones to try, in order (names of <see cref="Lighten.Core.Zoo.ModelZoo"/>).</summary>
    public IReadOnlyList<string> Candidates { get; init; } = DefaultCandidates;

    /// <summary>How each candidate is grafted (cut, adapter or re-shaped head, pretrained weights, seed).</summary>
    public BackboneSwapOptions Swap { get; init; } = new();

    /// <summary>The target whose op support decides which candidates are tried; null: every candidate is.</summary>
    public TargetProfile? Target { get; init; }

    /// <summary>The precision the candidates must run at on <see cref="Target"/>.</summary>
    public Precision Precision { get; init; } = Precision.Fp32;

    /// <summary>
    /// Fine-tuning of each graft; null or 0 epochs grafts without training (no data needed). Unless it already has a
    /// teacher, the search distils from the original model with <see cref="DistillationAlpha"/>. Its checkpoint folder
    /// is replaced by one per candidate.
    /// </summary>
    public TrainingOptions? Training { get; init; }

    /// <summary>Weight of the task loss when distilling from the original (the distillation loss gets 1 − alpha); null: no distillation.</summary>
    public double? DistillationAlpha { get; init; } = 0.5;

    /// <summary>ONNX Runtime settings of the latency measurement and the evaluation.</summary>
    public SessionOptionsSpec Session { get; init; } = new();

    /// <summary>Untimed runs before the latency measurement.</summary>
    public int LatencyWarmup { get; init; } = 3;

    /// <summary>Timed batch-1 runs of the latency measurement (the median is reported).</summary>
    public int LatencyRuns { get; init; } = 20;

    /// <summary>Whether training the candidates needs data.</summary>
    public bool Trains => Training is { Epochs: > 0 };
}
