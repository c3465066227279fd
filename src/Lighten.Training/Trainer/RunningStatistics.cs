using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>
/// Re-estimates a module's BatchNormalization running statistics as the plain average over training batches (PreciseBN,
/// Wu and Johnson 2021, "Rethinking Batch in BatchNorm") when their exponential average still leans on the statistics the
/// run started from. A momentum of 0.01 (MobileNetV3's) keeps 0.99^t of the start after t steps — 37 % after 100 — so a
/// short run from scratch validates with near-initial variances while the real ones are orders of magnitude smaller:
/// in eval mode each layer then shrinks its activations until the output no longer depends on the image.
/// </summary>
internal static class RunningStatistics
{
    /// <summary>The share of the starting statistics above which the running ones count as stale.</summary>
    public const double StaleShare = 0.01;

    /// <summary>The most training images one re-estimation averages over.</summary>
    public const int Images = 512;

    /// <summary>
    /// The largest share of its starting value that any BatchNormalization's running statistics still hold after
    /// <paramref name="steps"/> updates (ONNX's momentum is the share each update keeps); 0 without BatchNormalization.
    /// </summary>
    public static double StartingShare(Graph graph, long steps) => graph.Nodes
        .Where(n => n.OpType == "BatchNormalization" && n.Domain is "" or "ai.onnx")
        .Select(n => Math.Pow(n.GetFloat("momentum", 0.9f), steps))
        .DefaultIfEmpty(0).Max();

    /// <summary>Runs <paramref name="batches"/> through <paramref name="module"/> in training mode without gradients, the k-th with momentum 1/k, so that every running mean and variance becomes the average of the batches'.</summary>
    public static void Reestimate(GraphModule module, IEnumerable<HostBatch> batches, long[] sampleShape, CancellationToken cancellationToken)
    {
        module.train();
        using var noGrad = no_grad();
        int k = 0;
        try
        {
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                module.BatchNormMomentum = 1.0 / ++k;
                using var scope = NewDisposeScope();
                module.forward(batch.InputTensor(sampleShape));
            }
        }
        finally
        {
            module.BatchNormMomentum = null;
        }
    }
}
