using Lighten.Core.Transforms;

namespace Lighten.Pipeline.Tuning;

/// <summary>What <see cref="ModelPruning.FineTune"/> made.</summary>
/// <param name="Pass">
/// The pruning: structured, the channels removed before fine-tuning; unstructured, the weights the final masks zero when
/// applied to the dense model (fine-tuning reaches them on the schedule, starting from the dense weights).
/// </param>
/// <param name="Tuning">The fine-tuning, the written file and its metric.</param>
public sealed record PruneOutcome(PassResult Pass, TuningOutcome Tuning);
