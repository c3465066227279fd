using System.Collections.Immutable;
using Lighten.Core.Numerics;
using Lighten.Core.Transforms.Cleanup.Kernels;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>
/// Decomposes a k×k Conv into a k×k depthwise Conv (group c_in, channel multiplier m, c_in · m outputs, with the
/// original strides, pads, dilations and auto_pad) and a 1×1 Conv (PConv) to c_out that keeps the node's name,
/// output and bias. Initialized per input channel i from the SVD of A_i = W[:, i, :] as c_out × (k·k) = U S Vᵀ:
/// the depthwise filters of channel i are the top m right singular vectors v_j scaled by √s_j, the PConv weights
/// A_i v_j / √s_j, so the pair computes W with each A_i replaced by its best rank-m approximation, exactly once
/// m ≥ rank(A_i) (m = min(c_out, k·k) always suffices). Only group 1.
/// </summary>
public static class DecomposeDepthwiseSeparable
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(DecomposeDepthwiseSeparable);

    /// <summary>Decomposes each named layer; throws <see cref="OptionException"/> for a name it cannot act on.</summary>
    public static PassResult Run(Graph g, IEnumerable<string> layers, DepthwiseSeparableOptions? options = null) =>
        RunDetailed(g, layers, options ?? new()).Result;

    /// <summary>The pass with one outcome per layer.</summary>
    internal static (PassResult Result, ImmutableArray<LayerOutcome> Outcomes) RunDetailed(Graph g, IEnumerable<string> layers, DepthwiseSeparableOptions options)
    {
        if (options.Multiplier < 1) throw new OptionException($"{Name}: the channel multiplier must be at least 1, got {options.Multiplier}");
        return LayerPass.Run(g, layers, Name, layer => Refusal(layer, options), (b, layer, _) => Rewrite(b, layer, options));
    }

    /// <summary>Why the pass cannot decompose <paramref name="layer"/>, or null.</summary>
    internal static string? Refusal(ConvLayer layer, DepthwiseSeparableOptions options)
    {
        if (layer.Transposed) return "is a ConvTranspose; the depthwise-separable decomposition applies to Conv";
        if (layer.KernelArea == 1) return "has a 1×1 kernel, which has nothing to separate";
        if (options.Multiplier > layer.KernelArea)
            return $"has a kernel of {layer.KernelArea} elements, fewer than the channel multiplier {options.Multiplier}";
        return null;
    }

    private static LayerOutcome Rewrite(GraphBuilder b, ConvLayer layer, DepthwiseSeparableOptions options)
    {
        int cin = layer.InChannels, cout = layer.OutChannels, k = layer.KernelArea, m = options.Multiplier;
        // MACs per output position: depthwise cin·m·k + pointwise cin·m·cout against cout·cin·k.
        if (options.RequireFewerMacs && (long)m * (k + cout) >= (long)cout * k)
            return LayerPass.Skip(layer, $"a depthwise-separable form with multiplier {m} would not lower its MACs");

        var w = TensorOps.ToDoubles(layer.Weight);
        var depthwise = new double[(long)cin * m * k];
        var pointwise = new double[(long)cout * cin * m];
        var slice = new double[k * cout];
        for (int i = 0; i < cin; i++)
        {
            // A_iᵀ (k × cout): its left singular vectors are A_i's right singular vectors.
            for (int o = 0; o < cout; o++)
                for (int t = 0; t < k; t++) slice[t * cout + o] = w[((long)o * cin + i) * k + t];
            var basis = LeftSingularBasis.Compute(slice, k, cout);
            var v = basis.Basis(m);
            var av = basis.Project(slice, cout, m);
            for (int j = 0; j < m; j++)
            {
                double s = basis.SingularValues[j];
                double scale = s > 1e-12 * basis.SingularValues[0] ? Math.Sqrt(s) : 1;
                int channel = i * m + j;
                for (int t = 0; t < k; t++) depthwise[(long)channel * k + t] = v[j * k + t] * scale;
                for (int o = 0; o < cout; o++) pointwise[(long)o * cin * m + channel] = av[j * cout + o] / scale;
            }
        }

        var node = b.FindNode(layer.Node.Name)!;
        var type = layer.Weight.ElementType;
        var dwWeight = b.UniqueName(node.Name + "_dw_weight");
        var pwWeight = b.UniqueName(node.Name + "_pw_weight");
        var between = b.UniqueName(node.Name + "_dw_out");
        b.SetInitializer(dwWeight, TensorOps.FromDoubles(type, [cin * m, 1, .. layer.Kernel], depthwise));
        b.SetInitializer(pwWeight, TensorOps.FromDoubles(type, [cout, cin * m, .. layer.Kernel.Select(_ => 1L)], pointwise));
        b.AddNode(new Node(b.UniqueName(node.Name + "_dw"), "Conv", [node.Inputs[0], dwWeight], [between],
            node.Attributes.SetItem("group", new IntAttribute(cin)).SetItem("kernel_shape", new IntsAttribute([.. layer.Kernel]))));
        b.ReplaceNode(new Node(node.Name, "Conv", [between, pwWeight, .. node.Inputs.Skip(2)], node.Outputs,
            [LayerPass.Ints("kernel_shape", [.. layer.Kernel.Select(_ => 1L)])], node.Domain));
        var kernel = string.Join("×", layer.Kernel);
        return new LayerOutcome(node.Name, node.OpType, true,
            $"decomposed Conv '{node.Name}' into a depthwise {kernel} Conv (multiplier {m}) and a 1×1 Conv ({cin} → {cin * m} → {cout} channels)",
            $"depthwise {kernel} ×{m} + 1×1 ({cin} → {cin * m} → {cout})");
    }
}
