using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Quantize;

/// <summary>What <see cref="RewriteConvTranspose"/> did: the pass record and, for every new tensor, the old tensor holding the same values (permuted).</summary>
/// <param name="Pass">The pass's record.</param>
/// <param name="SameValues">New tensor → old tensor whose values it holds in another order (so a calibrated range carries over).</param>
/// <param name="Rewritten">Names of the ConvTranspose nodes replaced, with the name of the Conv now doing their work.</param>
public sealed record ConvTransposeRewrite(PassResult Pass, ImmutableDictionary<string, string> SameValues, ImmutableDictionary<string, string> Rewritten);

/// <summary>
/// Rewrites a 2-D ConvTranspose whose output is exactly <c>stride ×</c> its input (kernel − pads + output_padding = stride, as
/// 4×4/2/1 and 2×2/2/0 are) as a sub-pixel convolution: one stride-1 Conv computes the stride² output phases as channels
/// (phase (r, c) of output channel o is channel (r·stride + c)·M + o, its taps are the deconvolution's taps
/// k = phase + pad − stride·offset), and Reshape → Transpose → Reshape interleaves them (DepthToSpace in DCR order).
/// The result equals the ConvTranspose, and every node of it has an 8-bit kernel in runtimes without an integer
/// ConvTranspose (ONNX Runtime's CPU, ARM Compute Library): the Conv becomes QLinearConv and the reshapes move bytes. The
/// Conv does stride²·⌈k/s⌉²/k² times the deconvolution's multiply-adds (2.25× for 4×4/2), which INT8 more than pays back.
/// An elementwise activation that alone reads the ConvTranspose moves before the reshapes, so it stays fused with the Conv.
/// </summary>
public static class RewriteConvTranspose
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(RewriteConvTranspose);

    private static readonly ImmutableHashSet<string> Elementwise =
        ["Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Softplus", "PRelu"];

    /// <summary>Whether <paramref name="node"/> (of <paramref name="graph"/>, shapes inferred) can be rewritten.</summary>
    public static bool CanRewrite(Node node, Graph graph) => Layout(node, graph) is not null;

    /// <summary>Rewrites every ConvTranspose that <paramref name="select"/> picks (all eligible ones when null).</summary>
    public static ConvTransposeRewrite Run(Graph graph, Func<Node, bool>? select = null)
    {
        var typed = ShapeInference.Run(graph).Graph;
        var b = new GraphBuilder(graph);
        var same = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var rewritten = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.OpType == "ConvTranspose" && n.Domain is "" or "ai.onnx"))
        {
            if ((select is not null && !select(node)) || Layout(node, typed) is not { } layout) continue;
            rewritten[node.Name] = Rewrite(b, graph, node, layout, same);
        }
        var details = rewritten.Select(r => $"ConvTranspose '{r.Key}' → sub-pixel Conv '{r.Value}' + Reshape/Transpose/Reshape");
        var pass = rewritten.Count == 0 ? PassResult.Unchanged(graph, Name) : new PassResult(b.ToGraph(), Name, rewritten.Count, [.. details]);
        return new ConvTransposeRewrite(pass, same.ToImmutable(), rewritten.ToImmutable());
    }

    private sealed record Geometry(long In, long Out, long Height, long Width, long[] Kernel, long[] Strides, long[] PadsBegin, long[] Low, long[] High);

    /// <summary>The geometry of an eligible ConvTranspose, or null: 2-D, group 1, dilation 1, explicit pads, output = stride × input.</summary>
    private static Geometry? Layout(Node node, Graph graph)
    {
        if (node.OpType != "ConvTranspose" || node.GetInt("group", 1) != 1 || node.GetString("auto_pad", "NOTSET") != "NOTSET") return null;
        if (!node.HasInput(1) || !graph.Initializers.TryGetValue(node.Inputs[1], out var w) || w.Dims.Length != 4 || !w.ElementType.IsFloat()) return null;
        if (node.HasInput(2) && !graph.Initializers.ContainsKey(node.Inputs[2])) return null;
        if (graph.FindValue(node.Inputs[0])?.Shape is not { Rank: 4 } x || x[2].Value is not long h || x[3].Value is not long wd) return null;
        if (graph.FindValue(node.Outputs[0])?.Shape is not { Rank: 4 } y || y[2].Value is not long oh || y[3].Value is not long ow) return null;
        long[] kernel = [w.Dims[2], w.Dims[3]];
        long[] strides = node.GetInts("strides") ?? [1, 1];
        long[] pads = node.GetInts("pads") ?? [0, 0, 0, 0];
        if ((node.GetInts("dilations") ?? [1, 1]).Any(d => d != 1) || strides.Length != 2 || pads.Length != 4) return null;
        if (oh != strides[0] * h || ow != strides[1] * wd || pads.Any(p => p < 0)) return null;
        long[] low = new long[2], high = new long[2];
        for (int d = 0; d < 2; d++)
        {
            low[d] = CeilDiv(pads[d] - kernel[d] + 1, strides[d]);
            high[d] = FloorDiv(strides[d] - 1 + pads[d], strides[d]);
            if (low[d] > 0 || high[d] < 0) return null;
        }
        return new Geometry(w.Dims[0], w.Dims[1], h, wd, kernel, strides, [pads[0], pads[1]], low, high);
    }

    private static string Rewrite(GraphBuilder b, Graph graph, Node node, Geometry g, ImmutableDictionary<string, string>.Builder same)
    {
        long sh = g.Strides[0], sw = g.Strides[1], phases = sh * sw, cout = g.Out;
        long kh = g.High[0] - g.Low[0] + 1, kw = g.High[1] - g.Low[1] + 1;
        var w = graph.Initializers[node.Inputs[1]].ToFloatArray();
        var weights = new float[phases * cout * g.In * kh * kw];
        for (long r = 0; r < sh; r++)
        for (long c = 0; c < sw; c++)
        for (long o = 0; o < cout; o++)
        for (long i = 0; i < g.In; i++)
        for (long dy = g.Low[0]; dy <= g.High[0]; dy++)
        for (long dx = g.Low[1]; dx <= g.High[1]; dx++)
        {
            long ky = r + g.PadsBegin[0] - sh * dy, kx = c + g.PadsBegin[1] - sw * dx;
            if (ky < 0 || ky >= g.Kernel[0] || kx < 0 || kx >= g.Kernel[1]) continue;
            long channel = (r * sw + c) * cout + o;
            weights[((channel * g.In + i) * kh + dy - g.Low[0]) * kw + dx - g.Low[1]] = w[((i * cout + o) * g.Kernel[0] + ky) * g.Kernel[1] + kx];
        }
        var conv = b.UniqueName(node.Name + "_subpixel");
        var wName = b.UniqueName(node.Inputs[1] + "_subpixel");
        b.SetInitializer(wName, TensorData.FromFloats([phases * cout, g.In, kh, kw], weights));
        var inputs = new List<string> { node.Inputs[0], wName };
        if (node.HasInput(2))
        {
            var bias = graph.Initializers[node.Inputs[2]].ToFloatArray();
            var bName = b.UniqueName(node.Inputs[2] + "_subpixel");
            b.SetInitializer(bName, TensorData.FromFloats([phases * cout], [.. Enumerable.Range(0, (int)(phases * cout)).Select(k => bias[k % cout])]));
            inputs.Add(bName);
        }

        // An elementwise activation alone on the output commutes with the interleaving: run it on the phases.
        var output = node.Outputs[0];
        var readers = b.Nodes.Where(n => n.Inputs.Contains(output)).ToList();
        var act = readers is [var only] && Elementwise.Contains(only.OpType) && only.Inputs[0] == output && !b.Outputs.Any(o => o.Name == output) ? only : null;
        var phased = b.UniqueName(output + "_phases");
        b.Nodes[b.Nodes.FindIndex(n => n.Name == node.Name)] = new Node(conv, "Conv", inputs, [phased], [
            KeyValuePair.Create("kernel_shape", (AttributeValue)new IntsAttribute([kh, kw])),
            KeyValuePair.Create("pads", (AttributeValue)new IntsAttribute([-g.Low[0], -g.Low[1], g.High[0], g.High[1]])),
        ]);
        same[phased] = output;
        string final = output;
        if (act is not null)
        {
            var activated = b.UniqueName(act.Outputs[0] + "_phases");
            b.ReplaceNode(act with { Inputs = [phased, .. act.Inputs.Skip(1)], Outputs = [activated] });
            same[activated] = act.Outputs[0];
            final = act.Outputs[0];
            phased = activated;
        }
        if (phases == 1)
        {
            b.AddNode("Identity", [phased], [final], namePrefix: conv + "_output");
            return conv;
        }
        var split = b.UniqueName(final + "_split");
        var interleaved = b.UniqueName(final + "_interleaved");
        var shape1 = b.UniqueName(conv + "_split_shape");
        var shape2 = b.UniqueName(conv + "_merge_shape");
        b.SetInitializer(shape1, TensorData.FromInt64s([6], [0, sh, sw, cout, g.Height, g.Width]));
        b.SetInitializer(shape2, TensorData.FromInt64s([4], [0, cout, g.Height * sh, g.Width * sw]));
        b.AddNode("Reshape", [phased, shape1], [split], namePrefix: conv + "_split");
        b.AddNode("Transpose", [split], [interleaved], [KeyValuePair.Create("perm", (AttributeValue)new IntsAttribute([0, 3, 4, 1, 5, 2]))], namePrefix: conv + "_interleave");
        b.AddNode("Reshape", [interleaved, shape2], [final], namePrefix: conv + "_merge");
        same[split] = final;
        same[interleaved] = final;
        return conv;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
