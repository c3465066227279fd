using System.Collections.Immutable;
using System.Globalization;
using Lighten.Core.Targets;
using Lighten.Core.Zoo;

namespace Lighten.Core.Transforms.Backbone;

/// <summary>
/// G1 of the guideline: replaces the subgraph that computes the backbone's output (<see cref="BackboneCut"/>) with a
/// zoo backbone built for the model's input size. The new backbone's layers are named under <c>backbone.</c>
/// (weights) and <c>/backbone/</c> (nodes); where its output differs from the cut, <see cref="BackboneSwapOptions.Adapter"/>
/// decides between adapters (the head keeps every weight) and re-shaping the head's first layer. The spatial size is
/// matched per axis: stride-2 3×3 DWConvs while ceil-halving lands on the cut's size (stride 2×1 or 1×2 where only one
/// axis shrinks), an AveragePool for a ratio halving cannot reach, a linear Resize where the new backbone's output is
/// smaller than the cut (a text recognizer's head reading more columns than a stride-32 backbone gives). The graph stays
/// valid with the same output shapes. Training is the caller's (Lighten.Pipeline's backbone search).
/// </summary>
public static class SwapBackbone
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(SwapBackbone);

    /// <summary>Metadata key of the zoo backbone grafted in.</summary>
    public const string CandidateKey = "lighten.backbone";

    /// <summary>The initializer-name prefix of the grafted backbone's weights.</summary>
    public const string WeightPrefix = "backbone.";

    /// <summary>The node-name scope of the grafted backbone's nodes.</summary>
    public const string NodeScope = "/backbone";

    /// <summary>
    /// Grafts the zoo backbone <paramref name="candidate"/> (such as <c>mobilenet_v2</c>) onto <paramref name="model"/>.
    /// Throws <see cref="OptionException"/> for an unknown candidate, a model without a usable cut or an image input of
    /// unknown size (a symbolic batch is fine), weights that do not match, or a cut larger than the new backbone's output
    /// in a model older than opset 10 (no Resize). A model older than the opset the candidate's ops need is raised
    /// first (<see cref="BackboneOpset"/>), with a line in the details.
    /// </summary>
    public static PassResult Run(Graph model, string candidate, BackboneSwapOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var cut = BackboneCut.Find(model, options.Cut);
        // Find has required every image dimension but the batch to be fixed.
        var image = InputShapes.BindBatch(model).Inputs.First(i => i.Name == cut.Input).Shape!;
        long height = image[2].Value!.Value, width = image[3].Value!.Value;
        var zoo = ModelZoo.BuildBackbone(candidate, new ZooOptions { InputHeight = (int)height, InputWidth = (int)width, Seed = options.Seed });
        var (source, raised) = BackboneOpset.Raise(model, zoo.Graph, candidate);
        if (raised is not null) cut = BackboneCut.Find(source, options.Cut);
        var details = ImmutableArray.CreateBuilder<string>();
        details.Add($"cut at '{cut.Tensor}' ({cut.Channels}x{cut.Height}x{cut.Width}, {Describe(cut.Kind)}): {cut.BackboneNodes.Length} backbone nodes replaced");
        if (raised is not null) details.Add(raised);
        var backbone = zoo.Graph;
        if (options.BackboneWeights is { } weights)
        {
            var (loaded, layers, ignored) = LoadBackboneWeights.Run(backbone, weights, candidate);
            backbone = loaded;
            details.Add($"loaded pretrained weights into {layers} Conv layers of {candidate}"
                + (ignored > 0 ? $" ({ignored} trailing Conv layers of the export ignored)" : ""));
        }

        var b = new GraphBuilder(HeadOnly(source, cut));
        var output = Graft(b, backbone, zoo.Output, cut.Input);
        details.Add($"grafted {candidate} ({backbone.Nodes.Length} nodes): output {output.Channels}x{output.Height}x{output.Width}");
        var adapter = new BackboneAdapter(b, options.Seed, source.OpsetVersion());
        // A head that pools globally reads any spatial size; a flattening head reads every channel at every position,
        // so its first layer cannot be re-shaped to other channels and takes a 1x1 adapter.
        bool poolsGlobally = cut.Kind == CutKind.GlobalPooling && source.Consumers(cut.Tensor).All(n => BackboneCut.GlobalPools.Contains(n.OpType));
        bool channelAdapter = options.Adapter || cut.Kind == CutKind.Flatten;
        if (poolsGlobally) details.Add($"no spatial adapter: the head pools {output.Height}x{output.Width} globally as it pooled {cut.Height}x{cut.Width}");
        else output = adapter.Shrink(output, cut.Height, cut.Width);
        // Channels before growing: the 1x1 layer then runs on the smaller map.
        if (channelAdapter) output = adapter.MatchChannels(output, cut.Channels);
        if (!poolsGlobally) output = adapter.Grow(output, cut.Height, cut.Width);
        b.ReplaceUses(cut.Tensor, output.Tensor);
        details.AddRange(adapter.Details);
        if (!channelAdapter) details.AddRange(ReshapeHeadInput.Run(b, output.Tensor, cut.Channels, output.Channels, options.Seed, adapter));

        b.ValueInfos.Clear();
        var graph = b.ToGraph() with
        {
            Metadata = model.Metadata
                .SetItem(CandidateKey, candidate)
                .SetItem(ModelZoo.BackboneOutputKey, output.Tensor)
                .SetItem(ModelZoo.BackboneChannelsKey, output.Channels.ToString(CultureInfo.InvariantCulture)),
        };
        graph = ShapeInference.Run(graph).Graph;
        GraphValidator.Validate(graph);
        CheckOutputs(model, graph);
        return new PassResult(graph, Name, details.Count, details.ToImmutable());
    }

    /// <summary>
    /// The nodes of <paramref name="grafted"/> that <paramref name="target"/> cannot run at <paramref name="precision"/>
    /// among those the swap added (nodes absent from <paramref name="original"/>): a candidate with any is skipped before training.
    /// </summary>
    public static ImmutableArray<Node> Unsupported(Graph original, Graph grafted, TargetProfile target, Precision precision = Precision.Fp32)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(grafted);
        ArgumentNullException.ThrowIfNull(target);
        var before = original.Nodes.Select(n => (n.Name, n.OpType)).ToHashSet();
        return [.. grafted.Nodes.Where(n => !before.Contains((n.Name, n.OpType)) && !target.Supports(n, precision))];
    }

    /// <summary>One line saying why a target cannot run a candidate, or null when it can.</summary>
    public static string? Refusal(IReadOnlyCollection<Node> unsupported, TargetProfile target, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(unsupported);
        ArgumentNullException.ThrowIfNull(target);
        if (unsupported.Count == 0) return null;
        var ops = unsupported.GroupBy(n => n.OpType).Select(g => $"{g.Key} ({g.Count()} node{(g.Count() == 1 ? "" : "s")}, e.g. '{g.First().Name}')");
        return $"{target.Name} cannot run {string.Join(", ", ops)} at {precision.Key()}";
    }

    private static string Describe(CutKind kind) => kind switch
    {
        CutKind.Upsampling => "input of the first upsampling",
        CutKind.GlobalPooling => "input of the global pooling",
        CutKind.Sequence => "the row the sequence head reads",
        CutKind.Flatten => "the map the fully connected head flattens",
        _ => "given",
    };

    /// <summary>The model without its backbone nodes and their weights (so that their names are free again).</summary>
    private static Graph HeadOnly(Graph model, BackboneCut cut)
    {
        var removed = cut.BackboneNodes.ToHashSet(StringComparer.Ordinal);
        var nodes = model.Nodes.Where(n => !removed.Contains(n.Name)).ToImmutableArray();
        var used = nodes.SelectMany(n => n.Inputs).ToHashSet(StringComparer.Ordinal);
        return model with
        {
            Nodes = nodes,
            Initializers = model.Initializers.Where(kv => used.Contains(kv.Key)).ToImmutableSortedDictionary(StringComparer.Ordinal),
            ValueInfos = model.ValueInfos.Clear(),
        };
    }

    /// <summary>Adds the backbone's nodes and weights under the backbone names, reading <paramref name="input"/>; returns its output.</summary>
    private static FeatureMap Graft(GraphBuilder b, Graph backbone, FeatureMap output, string input)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [NetBuilder.InputName] = input, [""] = "" };
        string Value(string name) => names.TryGetValue(name, out var mapped) ? mapped : names[name] = b.UniqueName(NodeScope + Scoped(name));
        foreach (var (name, tensor) in backbone.Initializers)
        {
            var mapped = names[name] = b.UniqueName(WeightPrefix + name);
            b.SetInitializer(mapped, tensor);
        }
        foreach (var node in backbone.Nodes)
            b.AddNode(node with { Name = b.UniqueName(NodeScope + Scoped(node.Name)), Inputs = [.. node.Inputs.Select(Value)], Outputs = [.. node.Outputs.Select(Value)] });
        return output.As(Value(output.Tensor));
    }

    private static string Scoped(string name) => name.StartsWith('/') ? name : "/" + name;

    /// <summary>A swap must leave the output shapes as they were; anything else is a bug here.</summary>
    private static void CheckOutputs(Graph before, Graph after)
    {
        var a = ShapeInference.Run(InputShapes.BindBatch(before)).Graph.Outputs.Select(o => o.Shape);
        var b = ShapeInference.Run(InputShapes.BindBatch(after)).Graph.Outputs.Select(o => o.Shape);
        if (!a.SequenceEqual(b))
            throw new InvalidOperationException($"the backbone swap changed the output shapes from [{string.Join(", ", a)}] to [{string.Join(", ", b)}]");
    }
}
