using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Backbone;

/// <summary>How a <see cref="BackboneCut"/> was found.</summary>
public enum CutKind
{
    /// <summary>The input of the first ConvTranspose or Resize: a dense head such as SimpleBaseline's starts there.</summary>
    Upsampling,

    /// <summary>The input of the last global pooling: a classifier's head starts there.</summary>
    GlobalPooling,

    /// <summary>Named by the caller (<c>--cut TENSOR</c>).</summary>
    Given,

    /// <summary>
    /// The input of the first Squeeze or Reshape that turns a feature map one row (or column) high into a sequence: a
    /// text recognizer's head (CRNN, PaddleOCR) reads its columns as time steps.
    /// </summary>
    Sequence,

    /// <summary>
    /// The input of the Flatten or Reshape that turns a feature map into the vector a fully connected head reads (a
    /// classifier without global pooling, as older exports and small nets write): the head reads every channel and position.
    /// </summary>
    Flatten,
}

/// <summary>
/// Where the backbone ends and the head begins: the tensor the head reads (the backbone's output), its shape, the
/// nodes that computed it (the backbone, replaced by G1) and the image input they read.
/// </summary>
/// <param name="Tensor">The cut tensor.</param>
/// <param name="Kind">How it was found.</param>
/// <param name="Channels">Its channels.</param>
/// <param name="Height">Its height.</param>
/// <param name="Width">Its width.</param>
/// <param name="Input">The graph input the backbone reads ([N, 3, H, W]).</param>
/// <param name="BackboneNodes">The names of the nodes that computed the cut tensor, in graph order.</param>
public sealed record BackboneCut(string Tensor, CutKind Kind, int Channels, int Height, int Width, string Input, ImmutableArray<string> BackboneNodes)
{
    private static readonly HashSet<string> Upsampling = ["ConvTranspose", "Resize", "Upsample"];
    internal static readonly HashSet<string> GlobalPools = ["GlobalAveragePool", "GlobalMaxPool"];
    private static readonly HashSet<string> ToSequence = ["Squeeze", "Reshape"];

    /// <summary>
    /// Finds the cut of <paramref name="g"/>: <paramref name="tensor"/> when given, else the data input of the first
    /// ConvTranspose/Resize (a dense head after the deepest stage), else the row a sequence head reads
    /// (<see cref="CutKind.Sequence"/>), else the input of the last global pooling (a classifier), else the map a
    /// Flatten or Reshape turns into a fully connected head's vector (<see cref="CutKind.Flatten"/>). A symbolic batch is
    /// taken as 1. Throws <see cref="OptionException"/> when there is none, when an image input's channels, height or
    /// width are symbolic, when the tensor is not a 4-D feature map computed from the image input, or when the head reads
    /// any other tensor of the backbone (a skip connection).
    /// </summary>
    public static BackboneCut Find(Graph g, string? tensor = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        var shaped = ShapeInference.Run(InputShapes.RequireFixed(g, "finding the backbone's cut")).Graph;
        var (cut, kind) = tensor is { Length: > 0 } ? (tensor, CutKind.Given) : Locate(shaped);
        if (shaped.Producer(cut) is null)
            throw new OptionException(shaped.Inputs.Any(i => i.Name == cut) || shaped.Initializers.ContainsKey(cut)
                ? $"the cut '{cut}' is a graph input or a weight, not a tensor a backbone computes"
                : $"the graph has no tensor '{cut}' to cut at");
        if (shaped.FindValue(cut)?.Shape is not { Rank: 4, IsFullyKnown: true } shape)
            throw new OptionException($"the cut '{cut}' is not a 4-D feature map of known shape (shape {shaped.FindValue(cut)?.Shape?.ToString() ?? "unknown"})");

        var backbone = Ancestors(shaped, cut);
        var inputs = shaped.Inputs.Where(i => backbone.Any(n => n.Inputs.Contains(i.Name))).ToList();
        if (inputs is not [var image] || image.Shape is not { Rank: 4 } imageShape || imageShape[1].Value != 3)
            throw new OptionException($"the backbone computing '{cut}' must read exactly one image input [N, 3, H, W]; it reads "
                + (inputs.Count == 0 ? "no graph input" : string.Join(", ", inputs.Select(i => $"'{i.Name}' ({i.Shape?.ToString() ?? "?"})"))));
        var names = backbone.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var inner = backbone.SelectMany(n => n.Outputs).Where(o => o != cut).ToHashSet(StringComparer.Ordinal);
        foreach (var node in shaped.Nodes.Where(n => !names.Contains(n.Name)))
            if (node.Inputs.FirstOrDefault(inner.Contains) is { } leak)
                throw new OptionException($"the head node '{node.Name}' ({node.OpType}) reads the backbone tensor '{leak}' besides the cut '{cut}'; choose another {OptionKey.Ref(OptionKey.Cut)}");
        if (shaped.Outputs.FirstOrDefault(o => inner.Contains(o.Name)) is { } exposed)
            throw new OptionException($"the graph output '{exposed.Name}' lies inside the backbone that computes '{cut}'; choose another {OptionKey.Ref(OptionKey.Cut)}");

        var dims = shape.ToArray();
        return new BackboneCut(cut, kind, (int)dims[1], (int)dims[2], (int)dims[3], image.Name,
            [.. shaped.Nodes.Where(n => names.Contains(n.Name)).Select(n => n.Name)]);
    }

    private static (string Tensor, CutKind Kind) Locate(Graph g)
    {
        if (g.Nodes.FirstOrDefault(n => Upsampling.Contains(n.OpType) && n.HasInput(0)) is { } up) return (up.Inputs[0], CutKind.Upsampling);
        if (g.Nodes.FirstOrDefault(n => ToSequence.Contains(n.OpType) && ReadsRowAsSequence(g, n)) is { } row) return (row.Inputs[0], CutKind.Sequence);
        if (g.Nodes.LastOrDefault(n => GlobalPools.Contains(n.OpType)) is { } pool) return (pool.Inputs[0], CutKind.GlobalPooling);
        if (g.Nodes.FirstOrDefault(n => n.OpType is "Flatten" or "Reshape" && FlattensMap(g, n)) is { } flatten) return (flatten.Inputs[0], CutKind.Flatten);
        throw new OptionException("found no head to cut at (no ConvTranspose/Resize, no sequence head, no global pooling and no Flatten of a feature map); "
            + $"name the backbone's output with {OptionKey.Ref(OptionKey.Cut)} TENSOR");
    }

    /// <summary>Whether <paramref name="node"/> turns an [N, C, H, W] map into an [N, C·H·W] vector.</summary>
    private static bool FlattensMap(Graph g, Node node) =>
        node.HasInput(0)
        && g.FindValue(node.Inputs[0])?.Shape is { Rank: 4, IsFullyKnown: true } input
        && g.FindValue(node.Outputs[0])?.Shape is { Rank: 2 } output
        && output[1].Value == input[1].Value * input[2].Value * input[3].Value;

    /// <summary>Whether <paramref name="node"/> turns an [N, C, 1, W] (or [N, C, H, 1]) map, W > 1, into a 3-D sequence.</summary>
    private static bool ReadsRowAsSequence(Graph g, Node node) =>
        node.HasInput(0)
        && g.FindValue(node.Inputs[0])?.Shape is { Rank: 4, IsFullyKnown: true } input
        && g.FindValue(node.Outputs[0])?.Shape is { Rank: 3 }
        && (input[2].Value, input[3].Value) is (1, > 1) or (> 1, 1);

    /// <summary>The nodes on which <paramref name="tensor"/> depends, in graph order.</summary>
    private static List<Node> Ancestors(Graph g, string tensor)
    {
        var producers = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var n in g.Nodes)
            foreach (var o in n.Outputs.Where(o => o.Length > 0)) producers[o] = n;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([tensor]);
        while (stack.Count > 0)
        {
            if (!producers.TryGetValue(stack.Pop(), out var node) || !seen.Add(node.Name)) continue;
            foreach (var i in node.Inputs.Where(i => i.Length > 0)) stack.Push(i);
        }
        return [.. g.Nodes.Where(n => seen.Contains(n.Name))];
    }
}
