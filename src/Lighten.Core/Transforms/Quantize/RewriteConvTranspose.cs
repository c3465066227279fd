using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Quantize;

/// <summary>What <see cref="RewriteConvTranspose"/> did: the pass record and, for every new tensor, the old tensor holding the same values (permuted).</summary>
/// <param name="Pass">The pass's record.</param>
/// <param name="SameValues">New tensor → old tensor whose values it holds, in another order or in part (so a calibrated range carries over).</param>
/// <param name="Rewritten">Each ConvTranspose replaced, with the Convs now doing its work (one per output phase).</param>
public sealed record ConvTransposeRewrite(PassResult Pass, ImmutableDictionary<string, string> SameValues, ImmutableDictionary<string, ImmutableArray<string>> Rewritten);

/// <summary>
/// Rewrites a 2-D ConvTranspose whose output is exactly <c>stride ×</c> its input (kernel − pads + output_padding = stride, as
/// 4×4/2/1 and 2×2/2/0 are) as a sub-pixel convolution: output phase (r, c) — rows r, r + s, ... and columns c, c + s, ... —
/// is an ordinary stride-1 Conv of the input with the deconvolution's taps k = phase + pad − stride·offset; the stride²
/// phases are concatenated as channels ((r·s + c)·M + o) and DepthToSpace (DCR) interleaves them (Reshape → Transpose →
/// Reshape when the two strides differ). The result equals the ConvTranspose with the same multiply-adds, and every node has an 8-bit kernel in
/// runtimes without an integer ConvTranspose (ONNX Runtime's CPU, ARM Compute Library): QLinearConv, a byte-copying
/// QLinearConcat (its inputs share one scale) and a DepthToSpace on the quantized bytes. An elementwise activation that
/// alone reads the ConvTranspose moves onto each phase, so it stays fused with the Convs.
/// </summary>
public static class RewriteConvTranspose
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(RewriteConvTranspose);

    private static readonly ImmutableHashSet<string> Elementwise =
        ["Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Softplus"];

    /// <summary>Whether <paramref name="node"/> (of <paramref name="graph"/>, shapes inferred) can be rewritten.</summary>
    public static bool CanRewrite(Node node, Graph graph) => Layout(node, graph) is not null;

    /// <summary>
    /// The tensor the rewritten phases of <paramref name="node"/> end in: the output of the elementwise activation that
    /// alone reads it (it moves onto each phase, whose outputs the Concat then joins), else the ConvTranspose's output.
    /// A calibration that may rewrite the node needs this tensor's range.
    /// </summary>
    public static string FinalTensor(Node node, Graph graph) =>
        FusedActivation(node.Outputs[0], graph.Nodes, graph.Outputs)?.Outputs[0] ?? node.Outputs[0];

    private static Node? FusedActivation(string output, IEnumerable<Node> nodes, IEnumerable<ValueInfo> graphOutputs) =>
        nodes.Where(n => n.Inputs.Contains(output)).ToList() is [var only] && Elementwise.Contains(only.OpType) && only.Inputs[0] == output
            && !graphOutputs.Any(o => o.Name == output) ? only : null;

    /// <summary>Rewrites every ConvTranspose that <paramref name="select"/> picks (all eligible ones when null).</summary>
    public static ConvTransposeRewrite Run(Graph graph, Func<Node, bool>? select = null)
    {
        var typed = ShapeInference.Run(graph).Graph;
        var b = new GraphBuilder(graph);
        var same = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var rewritten = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.OpType == "ConvTranspose" && n.Domain is "" or "ai.onnx"))
        {
            if ((select is not null && !select(node)) || Layout(node, typed) is not { } layout) continue;
            rewritten[node.Name] = Rewrite(b, graph, node, layout, same);
        }
        var details = rewritten.Select(r => $"ConvTranspose '{r.Key}' → {r.Value.Length} phase Conv(s) + Concat + Reshape/Transpose/Reshape");
        var pass = rewritten.Count == 0 ? PassResult.Unchanged(graph, Name) : new PassResult(b.ToGraph(), Name, rewritten.Count, [.. details]);
        return new ConvTransposeRewrite(pass, same.ToImmutable(), rewritten.ToImmutable());
    }

    /// <summary>An eligible ConvTranspose: channels, input size, kernel, strides and leading pads, per spatial axis.</summary>
    private sealed record Geometry(long In, long Out, long Height, long Width, long[] Kernel, long[] Strides, long[] Pads)
    {
        /// <summary>The input offsets phase <paramref name="r"/> of axis <paramref name="d"/> reads: dy with 0 ≤ r + pad − s·dy &lt; k.</summary>
        public (long Low, long High) Offsets(int d, long r) =>
            (CeilDiv(r + Pads[d] - Kernel[d] + 1, Strides[d]), FloorDiv(r + Pads[d], Strides[d]));
    }

    /// <summary>The geometry of an eligible ConvTranspose, or null: 2-D, group 1, dilation 1, explicit pads, output = stride × input.</summary>
    private static Geometry? Layout(Node node, Graph graph)
    {
        if (node.OpType != "ConvTranspose" || node.GetInt("group", 1) != 1 || node.GetString("auto_pad", "NOTSET") != "NOTSET") return null;
        if (!node.HasInput(1) || !graph.Initializers.TryGetValue(node.Inputs[1], out var w) || w.Dims.Length != 4 || !w.ElementType.IsFloat()) return null;
        if (node.HasInput(2) && !graph.Initializers.ContainsKey(node.Inputs[2])) return null;
        if (graph.FindValue(node.Inputs[0])?.Shape is not { Rank: 4 } x || x[2].Value is not long h || x[3].Value is not long wd) return null;
        if (graph.FindValue(node.Outputs[0])?.Shape is not { Rank: 4 } y || y[2].Value is not long oh || y[3].Value is not long ow) return null;
        long[] strides = node.GetInts("strides") ?? [1, 1];
        long[] pads = node.GetInts("pads") ?? [0, 0, 0, 0];
        if ((node.GetInts("dilations") ?? [1, 1]).Any(d => d != 1) || strides.Length != 2 || pads.Length != 4 || pads.Any(p => p < 0)) return null;
        if (oh != strides[0] * h || ow != strides[1] * wd) return null;
        var g = new Geometry(w.Dims[0], w.Dims[1], h, wd, [w.Dims[2], w.Dims[3]], strides, [pads[0], pads[1]]);
        // Every phase must read at least one tap, with non-negative Conv pads.
        for (int d = 0; d < 2; d++)
            for (long r = 0; r < strides[d]; r++)
                if (g.Offsets(d, r) is var (low, high) && (low > 0 || high < 0 || low > high)) return null;
        return g;
    }

    private static ImmutableArray<string> Rewrite(GraphBuilder b, Graph graph, Node node, Geometry g, ImmutableDictionary<string, string>.Builder same)
    {
        long sh = g.Strides[0], sw = g.Strides[1];
        var output = node.Outputs[0];
        var act = FusedActivation(output, b.Nodes, b.Outputs);
        var final = act?.Outputs[0] ?? output;
        var w = graph.Initializers[node.Inputs[1]].ToFloatArray();
        var bias = node.HasInput(2) ? node.Inputs[2] : null;

        var convs = ImmutableArray.CreateBuilder<string>();
        var phases = new List<string>();
        int position = b.Nodes.FindIndex(n => n.Name == node.Name);
        b.Nodes.RemoveAt(position);
        if (act is not null) b.RemoveNode(act.Name);
        for (long r = 0; r < sh; r++)
        for (long c = 0; c < sw; c++)
        {
            var (rowLow, rowHigh) = g.Offsets(0, r);
            var (colLow, colHigh) = g.Offsets(1, c);
            long kh = rowHigh - rowLow + 1, kw = colHigh - colLow + 1;
            var weights = new float[g.Out * g.In * kh * kw];
            for (long o = 0; o < g.Out; o++)
            for (long i = 0; i < g.In; i++)
            for (long dy = rowLow; dy <= rowHigh; dy++)
            for (long dx = colLow; dx <= colHigh; dx++)
            {
                long ky = r + g.Pads[0] - sh * dy, kx = c + g.Pads[1] - sw * dx;
                weights[((o * g.In + i) * kh + dy - rowLow) * kw + dx - colLow] = w[((i * g.Out + o) * g.Kernel[0] + ky) * g.Kernel[1] + kx];
            }
            string suffix = sh * sw == 1 ? "" : $"_{r}{c}";
            var conv = b.UniqueName(node.Name + "_subpixel" + suffix);
            var wName = b.UniqueName(node.Inputs[1] + "_subpixel" + suffix);
            b.SetInitializer(wName, TensorData.FromFloats([g.Out, g.In, kh, kw], weights));
            var phase = b.UniqueName(output + "_phase" + suffix);
            b.AddNode(new Node(conv, "Conv", bias is null ? [node.Inputs[0], wName] : [node.Inputs[0], wName, bias], [phase],
            [
                KeyValuePair.Create("kernel_shape", (AttributeValue)new IntsAttribute([kh, kw])),
                KeyValuePair.Create("pads", (AttributeValue)new IntsAttribute([-rowLow, -colLow, rowHigh, colHigh])),
            ]));
            same[phase] = output;
            if (act is not null)
            {
                var activated = b.UniqueName(final + "_phase" + suffix);
                b.AddNode(act with { Name = b.UniqueName(act.Name + suffix), Inputs = [phase, .. act.Inputs.Skip(1)], Outputs = [activated] });
                same[activated] = final;
                phase = activated;
            }
            convs.Add(conv);
            phases.Add(phase);
        }

        if (phases.Count == 1)
        {
            b.AddNode("Identity", [phases[0]], [final], namePrefix: convs[0] + "_output");
            return convs.ToImmutable();
        }
        var stacked = b.UniqueName(final + "_phases");
        b.AddNode("Concat", phases, [stacked], [KeyValuePair.Create("axis", (AttributeValue)new IntAttribute(1))], namePrefix: node.Name + "_phases");
        same[stacked] = final;
        if (sh == sw)
        {
            b.AddNode("DepthToSpace", [stacked], [final], [KeyValuePair.Create("blocksize", (AttributeValue)new IntAttribute(sh)),
                KeyValuePair.Create("mode", (AttributeValue)new StringAttribute("DCR"))], namePrefix: node.Name + "_interleave");
            return convs.ToImmutable();
        }
        var split = b.UniqueName(final + "_split");
        var interleaved = b.UniqueName(final + "_interleaved");
        var shape1 = b.UniqueName(node.Name + "_split_shape");
        var shape2 = b.UniqueName(node.Name + "_merge_shape");
        b.SetInitializer(shape1, TensorData.FromInt64s([6], [0, sh, sw, g.Out, g.Height, g.Width]));
        b.SetInitializer(shape2, TensorData.FromInt64s([4], [0, g.Out, g.Height * sh, g.Width * sw]));
        b.AddNode("Reshape", [stacked, shape1], [split], namePrefix: node.Name + "_split");
        b.AddNode("Transpose", [split], [interleaved], [KeyValuePair.Create("perm", (AttributeValue)new IntsAttribute([0, 3, 4, 1, 5, 2]))], namePrefix: node.Name + "_interleave");
        b.AddNode("Reshape", [interleaved, shape2], [final], namePrefix: node.Name + "_merge");
        same[split] = final;
        same[interleaved] = final;
        return convs.ToImmutable();
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
