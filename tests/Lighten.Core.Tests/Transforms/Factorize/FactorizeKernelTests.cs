using Lighten.Core.Transforms.Factorize;
using static Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Factorize;

public class FactorizeKernelTests
{
    private static KernelFactorOptions Rank(int r) => new() { Rank = RankChoice.Fixed(r), RequireFewerMacs = false };

    public static TheoryData<string, IrGraph> FullRankCases => new()
    {
        { "3x3 pads 1, bias, BN+ReLU before", Single("Conv", 4, 9, 9, [5, 4, 3, 3], biasLength: 5, prelude: true, attributes: Ints("pads", 1, 1, 1, 1)) },
        { "3x5 strides (2, 1), asymmetric pads, dilations (1, 2)", Single("Conv", 3, 10, 12, [6, 3, 3, 5],
            attributes: [Ints("strides", 2, 1), Ints("pads", 1, 2, 0, 1), Ints("dilations", 1, 2)]) },
        { "2x2 stride 2, auto_pad VALID", Single("Conv", 6, 8, 8, [4, 6, 2, 2], biasLength: 4, attributes: [Ints("strides", 2, 2), ("auto_pad", new StringAttribute("VALID"))]) },
    };

    [Theory]
    [MemberData(nameof(FullRankCases))]
    public void FullRankReproducesTheLayerInOrt(string name, IrGraph g)
    {
        var w = g.Initializers["w"].Dims;
        int full = (int)Math.Min(w[1] * w[2], w[0] * w[3]);
        var r = FactorizeKernel.Run(g, [Layer], Rank(full));

        Assert.Equal(1, r.Changes);
        Assert.True(MaxDiff(g, r.Graph) <= 1e-4, name);
        var horizontal = r.Graph.FindNode(Layer)!;
        var vertical = r.Graph.Producer(horizontal.Inputs[0])!;
        Assert.Equal([w[2], 1L], vertical.GetInts("kernel_shape")!);
        Assert.Equal([1L, w[3]], horizontal.GetInts("kernel_shape")!);
        Assert.Equal([full, w[1], w[2], 1], r.Graph.Initializers[vertical.Inputs[1]].Dims.ToArray());
    }

    [Fact]
    public void ErrorFallsAsTheRankGrows()
    {
        var g = Single("Conv", 4, 8, 8, [6, 4, 3, 3], biasLength: 6, attributes: Ints("pads", 1, 1, 1, 1));
        var expected = Run(g);
        var errors = new[] { 1, 2, 4, 6, 9, 12 }.Select(rank => RmsDiff(expected, FactorizeKernel.Run(g, [Layer], Rank(rank)).Graph)).ToArray();
        for (int i = 1; i < errors.Length; i++) Assert.True(errors[i] < errors[i - 1], $"errors by rank: {string.Join(", ", errors)}");
        Assert.True(errors[^1] < 1e-5);
    }

    [Fact]
    public void SeparableKernelsNeedOneChannelPerRank()
    {
        // 1 input, 1 output, kernel [1, 2, 1]ᵀ [1, 0, -1] (a Sobel filter): rank 1.
        var t = Single("Conv", 1, 7, 7, [1, 1, 3, 3], attributes: Ints("pads", 1, 1, 1, 1));
        var g = t with { Initializers = t.Initializers.SetItem("w", TensorData.FromFloats([1, 1, 3, 3], [1, 0, -1, 2, 0, -2, 1, 0, -1])) };
        var r = FactorizeKernel.Run(g, [Layer], new KernelFactorOptions { Rank = RankChoice.OfEnergy(1), RequireFewerMacs = false });
        Assert.Contains("through 1 channels", Assert.Single(r.Details));
        Assert.True(MaxDiff(g, r.Graph) <= 1e-5);
    }

    [Fact]
    public void SamePaddingAndThinKernelsAreRefused()
    {
        string Refusal(IrGraph g) => Assert.Throws<OptionException>(() => FactorizeKernel.Run(g, [Layer], Rank(1))).Message;
        Assert.Contains("auto_pad SAME_UPPER", Refusal(Single("Conv", 2, 5, 5, [2, 2, 3, 3], attributes: ("auto_pad", new StringAttribute("SAME_UPPER")))));
        Assert.Contains("1×3 kernel", Refusal(Single("Conv", 2, 5, 5, [2, 2, 1, 3])));
        Assert.Contains("is a ConvTranspose", Refusal(Single("ConvTranspose", 2, 5, 5, [2, 2, 3, 3])));
    }
}
