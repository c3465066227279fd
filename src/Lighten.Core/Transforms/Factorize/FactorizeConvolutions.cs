using System.Collections.Immutable;
using Lighten.Core.Analysis;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>
/// G2 of the guideline: selects the heavy Conv/ConvTranspose layers and factorizes each with the first requested
/// method that applies to it (depthwise-separable, then kernel factorization, then a channel bottleneck),
/// SVD-initialized. The graph stays valid and its output shapes unchanged. Fine-tuning is the caller's.
/// </summary>
public static class FactorizeConvolutions
{
    private delegate (PassResult Result, ImmutableArray<LayerOutcome> Outcomes) Pass(Graph g, IEnumerable<string> layers);

    /// <summary>
    /// Runs the selection and the passes. Throws <see cref="OptionException"/> when no factorization is requested, or
    /// when a layer named in <see cref="LayerSelectionOptions.Layers"/> cannot take any of the requested ones;
    /// layers selected by op type or threshold that cannot are listed in <see cref="FactorizeResult.Skipped"/>.
    /// </summary>
    public static FactorizeResult Run(Graph g, FactorizeOptions options)
    {
        if (options.DepthwiseSeparable is null && options.Kernel is null && options.Bottleneck is null)
            throw new OptionException("no factorization was requested: choose a bottleneck (a rank or an energy share), the depthwise-separable decomposition, or kernel factorization");
        var selection = SelectHeavyLayers.Run(g, options.Selection);
        var skipped = ImmutableArray.CreateBuilder<string>();
        var plan = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var layer in selection.Selected)
        {
            if (Choose(g, layer, options, out var why) is { } pass) Add(plan, pass, layer.Name);
            else if (layer.SelectedBy == SelectionReason.Name) throw new OptionException($"node '{layer.Name}' ({layer.OpType}) {why}");
            else skipped.Add(LayerPass.Skipped(layer.OpType, layer.Name, why));
        }

        var passes = ImmutableArray.CreateBuilder<PassResult>();
        var outcomes = new List<(string Pass, LayerOutcome Outcome)>();
        var graph = g;
        foreach (var (name, run) in Passes(options))
        {
            if (!plan.TryGetValue(name, out var layers)) continue;
            var (result, done) = run(graph, layers);
            graph = result.Graph;
            passes.Add(result);
            outcomes.AddRange(done.Select(o => (name, o)));
        }
        skipped.AddRange(outcomes.Where(o => !o.Outcome.Changed).Select(o => o.Outcome.Detail));
        CheckOutputs(g, graph);

        var profileOptions = new ProfileOptions { InputShapes = options.Selection.InputShapes };
        var before = Profiler.Run(g, profileOptions);
        var after = ReferenceEquals(graph, g) ? before : Profiler.Run(graph, profileOptions);
        var layersChanged = outcomes.Where(o => o.Outcome.Changed).Select(o => new FactorizedLayer(
            o.Outcome.Layer, o.Outcome.OpType, o.Pass, o.Outcome.Summary, o.Outcome.Detail,
            selection.Ranked.First(r => r.Name == o.Outcome.Layer).Macs, MacsNow(g, graph, after, o.Outcome.Layer)));
        return new FactorizeResult(graph, selection, passes.ToImmutable(), [.. layersChanged.OrderByDescending(l => l.MacsBefore)],
            skipped.ToImmutable(), before.Totals.Macs, after.Totals.Macs);
    }

    private static IEnumerable<(string Name, Pass Run)> Passes(FactorizeOptions o)
    {
        if (o.DepthwiseSeparable is { } dws) yield return (DecomposeDepthwiseSeparable.Name, (g, l) => DecomposeDepthwiseSeparable.RunDetailed(g, l, dws));
        if (o.Kernel is { } kernel) yield return (FactorizeKernel.Name, (g, l) => FactorizeKernel.RunDetailed(g, l, kernel));
        if (o.Bottleneck is { } bottleneck) yield return (InsertBottleneck.Name, (g, l) => InsertBottleneck.RunDetailed(g, l, bottleneck));
    }

    /// <summary>The first requested pass that can act on the layer, or null with the reasons.</summary>
    private static string? Choose(Graph g, RankedLayer ranked, FactorizeOptions options, out string why)
    {
        if (ConvLayer.TryRead(g, g.FindNode(ranked.Name)!, out var layer) is { } refused)
        {
            why = refused;
            return null;
        }
        var reasons = new List<string>();
        if (options.DepthwiseSeparable is { } dws)
        {
            if (DecomposeDepthwiseSeparable.Refusal(layer!, dws) is not { } r) { why = ""; return DecomposeDepthwiseSeparable.Name; }
            reasons.Add(r);
        }
        if (options.Kernel is not null)
        {
            if (FactorizeKernel.Refusal(layer!) is not { } r) { why = ""; return FactorizeKernel.Name; }
            reasons.Add(r);
        }
        why = string.Join("; ", reasons);
        return options.Bottleneck is null ? null : InsertBottleneck.Name;
    }

    private static void Add(Dictionary<string, List<string>> plan, string pass, string layer)
    {
        if (!plan.TryGetValue(pass, out var list)) plan[pass] = list = [];
        list.Add(layer);
    }

    /// <summary>The MACs of the layer's node now plus those of the new nodes that feed it.</summary>
    private static long MacsNow(Graph original, Graph now, ModelProfile profile, string layer)
    {
        var node = now.FindNode(layer)!;
        var added = now.Nodes.Where(n => original.FindNode(n.Name) is null && n.Outputs.Any(node.Inputs.Contains)).Select(n => n.Name);
        return profile.Layers.Where(l => l.Name == layer || added.Contains(l.Name)).Sum(l => l.Macs ?? 0);
    }

    /// <summary>A factorization must leave the graph valid with the same output shapes; anything else is a bug here.</summary>
    private static void CheckOutputs(Graph before, Graph after)
    {
        if (ReferenceEquals(before, after)) return;
        GraphValidator.Validate(after);
        var a = ShapeInference.Run(before).Graph.Outputs.Select(o => o.Shape);
        var b = ShapeInference.Run(after).Graph.Outputs.Select(o => o.Shape);
        if (!a.SequenceEqual(b))
            throw new InvalidOperationException($"factorization changed the output shapes from [{string.Join(", ", a)}] to [{string.Join(", ", b)}]");
    }
}
