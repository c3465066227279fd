using System.Collections.Immutable;
using System.Globalization;
using Lighten.Core.Numerics;
using Lighten.Core.Transforms.Cleanup.Kernels;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>
/// Factorizes a kh×kw Conv into a kh×1 Conv to r channels followed by a 1×kw Conv (which keeps the node's name,
/// output and bias), the channel-rank-r scheme: with M = W laid out as (c_in · kh) × (c_out · kw), M = U S Vᵀ,
/// the vertical filters are U_rᵀ and the horizontal ones U_rᵀ M, exact at r = min(c_in · kh, c_out · kw).
/// The vertical Conv takes the height stride, pads and dilation, the horizontal one the width's. Off unless
/// asked for, since many targets run 3×3 kernels faster than two thin ones. Only 2-D, group 1, explicit pads.
/// </summary>
public static class FactorizeKernel
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(FactorizeKernel);

    /// <summary>Factorizes each named layer; throws <see cref="OptionException"/> for a name it cannot act on.</summary>
    public static PassResult Run(Graph g, IEnumerable<string> layers, KernelFactorOptions? options = null) =>
        RunDetailed(g, layers, options ?? new()).Result;

    /// <summary>The pass with one outcome per layer.</summary>
    internal static (PassResult Result, ImmutableArray<LayerOutcome> Outcomes) RunDetailed(Graph g, IEnumerable<string> layers, KernelFactorOptions options) =>
        LayerPass.Run(g, layers, Name, Refusal, (b, layer, shaped) => Rewrite(b, layer, shaped, options));

    /// <summary>Why the pass cannot factorize <paramref name="layer"/>, or null.</summary>
    internal static string? Refusal(ConvLayer layer)
    {
        if (layer.Transposed) return "is a ConvTranspose; kernel factorization applies to Conv";
        if (layer.Kernel.Length != 2 || layer.Kernel[0] < 2 || layer.Kernel[1] < 2)
            return $"has a {string.Join("×", layer.Kernel)} kernel; kernel factorization needs a 2-D kernel of at least 2×2";
        if (layer.Node.GetString("auto_pad", "NOTSET") is not ("NOTSET" or "VALID") and var pad)
            return $"pads with auto_pad {pad}, which cannot be split between the two convolutions";
        return null;
    }

    private static LayerOutcome Rewrite(GraphBuilder b, ConvLayer layer, Graph shaped, KernelFactorOptions options)
    {
        int cin = layer.InChannels, cout = layer.OutChannels, kh = (int)layer.Kernel[0], kw = (int)layer.Kernel[1];
        int rows = cin * kh, columns = cout * kw;
        var w = TensorOps.ToDoubles(layer.Weight);
        var m = new double[(long)rows * columns];
        for (int o = 0; o < cout; o++)
            for (int i = 0; i < cin; i++)
                for (int y = 0; y < kh; y++)
                    for (int x = 0; x < kw; x++)
                        m[((long)i * kh + y) * columns + o * kw + x] = w[(((long)o * cin + i) * kh + y) * kw + x];
        var basis = LeftSingularBasis.Compute(m, rows, columns);
        int r = options.Rank.Resolve(basis, Math.Min(rows, columns));

        var (before, after) = Costs(layer, shaped, r);
        if (options.RequireFewerMacs && !LayerPass.Lowers(before, after))
            return LayerPass.Skip(layer, $"a rank-{r} {kh}×1 + 1×{kw} factorization would not lower its MACs ({before} → {after})");

        var horizontal = basis.Project(m, columns, r);
        var second = new double[(long)cout * r * kw];
        for (int o = 0; o < cout; o++)
            for (int j = 0; j < r; j++)
                Array.Copy(horizontal, (long)j * columns + o * kw, second, ((long)o * r + j) * kw, kw);

        var node = b.FindNode(layer.Node.Name)!;
        var strides = LayerPass.IntsOr(node, "strides", 2, 1);
        var dilations = LayerPass.IntsOr(node, "dilations", 2, 1);
        var pads = LayerPass.IntsOr(node, "pads", 4, 0);
        var type = layer.Weight.ElementType;
        var verticalWeight = b.UniqueName(node.Name + "_kx1_weight");
        var horizontalWeight = b.UniqueName(node.Name + "_1xk_weight");
        var between = b.UniqueName(node.Name + "_kx1_out");
        b.SetInitializer(verticalWeight, TensorOps.FromDoubles(type, [r, cin, kh, 1], basis.Basis(r)));
        b.SetInitializer(horizontalWeight, TensorOps.FromDoubles(type, [cout, r, 1, kw], second));
        b.AddNode(new Node(b.UniqueName(node.Name + "_kx1"), "Conv", [node.Inputs[0], verticalWeight], [between],
            [LayerPass.Ints("kernel_shape", kh, 1), LayerPass.Ints("strides", strides[0], 1), LayerPass.Ints("dilations", dilations[0], 1),
             LayerPass.Ints("pads", pads[0], 0, pads[2], 0)]));
        b.ReplaceNode(new Node(node.Name, "Conv", [between, horizontalWeight, .. node.Inputs.Skip(2)], node.Outputs,
            [LayerPass.Ints("kernel_shape", 1, kw), LayerPass.Ints("strides", 1, strides[1]), LayerPass.Ints("dilations", 1, dilations[1]),
             LayerPass.Ints("pads", 0, pads[1], 0, pads[3])], node.Domain));
        var energy = basis.EnergyAt(r).ToString("0.0%", CultureInfo.InvariantCulture);
        return new LayerOutcome(node.Name, node.OpType, true,
            $"factorized Conv '{node.Name}' into {kh}×1 and 1×{kw} Convs through {r} channels ({energy} of the energy)",
            $"{kh}×1 + 1×{kw} through {r} ({energy} energy)");
    }

    /// <summary>MACs at batch 1 before and after: the k×1 Conv runs at the output height and the input width.</summary>
    private static (long? Before, long? After) Costs(ConvLayer layer, Graph shaped, int r)
    {
        var input = shaped.FindValue(layer.Node.Inputs[0])?.Shape;
        var output = shaped.FindValue(layer.Node.Outputs[0])?.Shape;
        if (input is not { Rank: 4 } || output is not { Rank: 4 } || input[3].Value is not long win
            || output[2].Value is not long hout || output[3].Value is not long wout) return (null, null);
        long cin = layer.InChannels, cout = layer.OutChannels, kh = layer.Kernel[0], kw = layer.Kernel[1];
        return (hout * wout * cout * cin * kh * kw, hout * win * r * cin * kh + hout * wout * cout * r * kw);
    }
}
