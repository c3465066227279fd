using System.Collections.Immutable;
using Lighten.Core.Analysis;

namespace Lighten.Core.Targets;

/// <summary>A node whose op the target cannot run at a precision.</summary>
public sealed record UnsupportedNode(string Node, string OpType, Precision Precision);

/// <summary>Options of <see cref="Preflight.Run"/>.</summary>
public sealed record PreflightOptions
{
    /// <summary>Input shapes to fix, by input name; other symbolic dimensions are taken as 1 (one image).</summary>
    public IReadOnlyDictionary<string, long[]> InputShapes { get; init; } = new Dictionary<string, long[]>();

    /// <summary>The name reported for the model.</summary>
    public string ModelName { get; init; } = "model";
}

/// <summary>The result of <see cref="Preflight.Run"/>.</summary>
/// <param name="Target">The profile's name.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Unsupported">Nodes the target cannot run, per precision it runs (precisions it does not run at all have no estimate instead).</param>
/// <param name="WeightBytes">Bytes of the weights, as stored in the model.</param>
/// <param name="PeakActivationBytes">Largest total of activations alive at once (<see cref="PeakMemory"/>).</param>
/// <param name="RamBytes">The target's memory.</param>
/// <param name="Estimates">The latency estimate per precision; null for a precision the target cannot run.</param>
public sealed record PreflightReport(
    string Target,
    string Model,
    ImmutableArray<UnsupportedNode> Unsupported,
    long WeightBytes,
    long PeakActivationBytes,
    long RamBytes,
    ImmutableSortedDictionary<Precision, LatencyEstimate?> Estimates)
{
    /// <summary>Whether the weights plus the peak activations fit in the target's memory.</summary>
    public bool FitsInRam => WeightBytes + PeakActivationBytes <= RamBytes;

    /// <summary>The estimated milliseconds per image at <paramref name="precision"/>, or null when the target cannot run it.</summary>
    public double? EstimatedMs(Precision precision) => Estimates.GetValueOrDefault(precision)?.TotalMs;

    /// <summary>The nodes unsupported at <paramref name="precision"/>.</summary>
    public IEnumerable<UnsupportedNode> UnsupportedAt(Precision precision) => Unsupported.Where(u => u.Precision == precision);
}

/// <summary>
/// The check before lightening a model for a target: which nodes the target cannot run at each precision,
/// whether the weights and the peak activations fit in its memory, and the estimated latency per precision
/// (<see cref="LatencyEstimator"/>).
/// </summary>
public static class Preflight
{
    /// <summary>Checks <paramref name="graph"/> against <paramref name="target"/>.</summary>
    /// <exception cref="OptionException">An input shape does not fit the graph.</exception>
    public static PreflightReport Run(Graph graph, TargetProfile target, PreflightOptions? options = null)
    {
        options ??= new PreflightOptions();
        var profile = Profiler.Run(graph, new ProfileOptions { InputShapes = options.InputShapes, ModelName = options.ModelName });
        var shaped = LatencyEstimator.Shaped(graph, options.InputShapes);

        var unsupported = ImmutableArray.CreateBuilder<UnsupportedNode>();
        foreach (var precision in target.RunnablePrecisions)
            foreach (var node in shaped.Nodes)
                if (!target.Supports(node, precision)) unsupported.Add(new UnsupportedNode(node.Name, OpSupport.QualifiedOp(node), precision));

        var estimates = Precisions.All.ToImmutableSortedDictionary(
            p => p, p => target.Runs(p) ? LatencyEstimator.EstimateShaped(shaped, target, p) : null);
        return new PreflightReport(target.Name, options.ModelName, unsupported.ToImmutable(),
            profile.Totals.WeightBytes, profile.Totals.PeakActivationBytes, target.RamBytes, estimates);
    }
}
