using Lighten.Core.Transforms.Factorize;
using static Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Factorize;

public class DecomposeDepthwiseSeparableTests
{
    private static DepthwiseSeparableOptions Multiplier(int m) => new() { Multiplier = m, RequireFewerMacs = false };

    public static TheoryData<string, IrGraph, int> FullRankCases => new()
    {
        // m = min(c_out, k·k) makes every per-channel SVD exact.
        { "3x3 pads 1, bias, BN+ReLU before", Single("Conv", 4, 9, 9, [6, 4, 3, 3], biasLength: 6, prelude: true, attributes: Ints("pads", 1, 1, 1, 1)), 6 },
        { "3x3 stride 2 dilation 2, no bias", Single("Conv", 3, 11, 11, [16, 3, 3, 3], attributes: [Ints("strides", 2, 2), Ints("dilations", 2, 2)]), 9 },
        { "5x3 auto_pad SAME_UPPER stride 2", Single("Conv", 5, 8, 7, [7, 5, 5, 3], biasLength: 7, attributes: [Ints("strides", 2, 2), ("auto_pad", new StringAttribute("SAME_UPPER"))]), 7 },
    };

    [Theory]
    [MemberData(nameof(FullRankCases))]
    public void FullRankReproducesTheLayerInOrt(string name, IrGraph g, int m)
    {
        var layer = g.FindNode(Layer)!;
        var r = DecomposeDepthwiseSeparable.Run(g, [Layer], Multiplier(m));

        Assert.Equal(1, r.Changes);
        Assert.True(MaxDiff(g, r.Graph) <= 1e-4, name);
        var pointwise = r.Graph.FindNode(Layer)!;
        var depthwise = r.Graph.Producer(pointwise.Inputs[0])!;
        long cin = g.Initializers[layer.Inputs[1]].Dims[1];
        Assert.Equal(cin, depthwise.GetInt("group", 1));
        Assert.Equal(layer.GetInts("strides"), depthwise.GetInts("strides"));
        Assert.Equal(layer.GetInts("dilations"), depthwise.GetInts("dilations"));
        Assert.Equal(layer.GetString("auto_pad", "NOTSET"), depthwise.GetString("auto_pad", "NOTSET"));
        Assert.Equal(cin * m, r.Graph.Initializers[depthwise.Inputs[1]].Dims[0]);
        Assert.Equal(layer.Inputs[0], depthwise.Inputs[0]);
        Assert.Equal([1L, 1], pointwise.GetInts("kernel_shape")!);
        Assert.Null(pointwise.GetInts("strides"));
        Assert.Equal(layer.Outputs.ToArray(), pointwise.Outputs.ToArray());
        Assert.Equal(layer.Inputs.Skip(2), pointwise.Inputs.Skip(2));
    }

    [Fact]
    public void ErrorFallsAsTheMultiplierGrows()
    {
        var g = Single("Conv", 4, 8, 8, [16, 4, 3, 3], biasLength: 16, attributes: Ints("pads", 1, 1, 1, 1));
        var expected = Run(g);
        var errors = Enumerable.Range(1, 9).Select(m => RmsDiff(expected, DecomposeDepthwiseSeparable.Run(g, [Layer], Multiplier(m)).Graph)).ToArray();
        for (int i = 1; i < errors.Length; i++) Assert.True(errors[i] < errors[i - 1], $"errors by multiplier: {string.Join(", ", errors)}");
        Assert.True(errors[^1] < 1e-5);
    }

    [Fact]
    public void ARankOneKernelIsExactAtMultiplierOne()
    {
        // Every W[:, i] = a_i ⊗ k_i (an outer product) has rank 1, so one depthwise filter per channel suffices.
        var t = Single("Conv", 2, 6, 6, [3, 2, 2, 2]);
        float[] w = [.. from o in new[] { 1f, -2, 0.5f } from i in new[] { 0, 1 } from v in i == 0 ? new[] { 1f, 2, 3, 4 } : new[] { -1f, 0, 1, 2 } select o * (i + 1) * v];
        var g = t with { Initializers = t.Initializers.SetItem("w", TensorData.FromFloats([3, 2, 2, 2], w)) };
        var r = DecomposeDepthwiseSeparable.Run(g, [Layer], Multiplier(1));
        Assert.True(MaxDiff(g, r.Graph) <= 1e-4);
    }

    [Fact]
    public void CheapDecompositionsApplyByDefaultAndCostlyOnesAreSkipped()
    {
        var g = Single("Conv", 8, 6, 6, [16, 8, 3, 3]);
        Assert.Equal(1, DecomposeDepthwiseSeparable.Run(g, [Layer]).Changes);
        // m (k² + c_out) = 9 (9 + 16) ≥ c_out k² = 144.
        var full = DecomposeDepthwiseSeparable.Run(g, [Layer], new DepthwiseSeparableOptions { Multiplier = 9 });
        Assert.Equal(0, full.Changes);
        Assert.Contains("would not lower its MACs", Assert.Single(full.Details));
    }

    [Fact]
    public void TransposedOneByOneAndOverlargeMultipliersAreRefused()
    {
        string Refusal(IrGraph g, int m = 1) => Assert.Throws<OptionException>(() => DecomposeDepthwiseSeparable.Run(g, [Layer], Multiplier(m))).Message;
        Assert.Contains("is a ConvTranspose", Refusal(Single("ConvTranspose", 4, 5, 5, [4, 4, 3, 3])));
        Assert.Contains("1×1 kernel", Refusal(Single("Conv", 4, 5, 5, [4, 4, 1, 1])));
        Assert.Contains("fewer than the channel multiplier 10", Refusal(Single("Conv", 4, 5, 5, [4, 4, 3, 3]), 10));
        Assert.Contains("at least 1", Refusal(Single("Conv", 4, 5, 5, [4, 4, 3, 3]), 0));
    }
}
