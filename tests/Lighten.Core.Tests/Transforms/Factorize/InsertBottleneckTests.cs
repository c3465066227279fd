using Lighten.Core.Transforms.Factorize;
using static Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Factorize;

public class InsertBottleneckTests
{
    private static BottleneckOptions Rank(int r) => new() { Rank = RankChoice.Fixed(r), RequireFewerMacs = false };

    public static TheoryData<string, IrGraph> FullRankCases => new()
    {
        { "Conv 3x3, bias, BN+ReLU before", Single("Conv", 8, 9, 9, [12, 8, 3, 3], biasLength: 12, prelude: true, attributes: Ints("pads", 1, 1, 1, 1)) },
        { "Conv 3x3 stride 2, no bias", Single("Conv", 6, 10, 10, [4, 6, 3, 3], attributes: Ints("strides", 2, 2)) },
        { "Conv 1x1 with fewer outputs than inputs", Single("Conv", 16, 5, 5, [4, 16, 1, 1], biasLength: 4) },
        { "ConvTranspose 4x4 stride 2, bias, BN+ReLU before", Single("ConvTranspose", 8, 6, 6, [8, 6, 4, 4], biasLength: 6, prelude: true,
            attributes: [Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)]) },
        { "ConvTranspose 3x3 output_padding, no bias", Single("ConvTranspose", 5, 4, 4, [5, 3, 3, 3],
            attributes: [Ints("strides", 2, 2), Ints("output_padding", 1, 1)]) },
    };

    [Theory]
    [MemberData(nameof(FullRankCases))]
    public void FullRankReproducesTheLayerInOrt(string name, IrGraph g)
    {
        var layer = g.FindNode(Layer)!;
        int cin = (int)g.FindValue(layer.Inputs[0])!.Shape![1].Value!.Value;

        var r = InsertBottleneck.Run(g, [Layer], Rank(cin));

        Assert.Equal(1, r.Changes);
        Assert.True(MaxDiff(g, r.Graph) <= 1e-4, name);
        var after = r.Graph.FindNode(Layer)!;
        var bottleneck = r.Graph.Producer(after.Inputs[0])!;
        Assert.Equal("Conv", bottleneck.OpType);
        Assert.Equal(layer.Inputs[0], bottleneck.Inputs[0]);
        Assert.Equal([cin, cin, 1, 1], r.Graph.Initializers[bottleneck.Inputs[1]].Dims.ToArray());
        Assert.Equal(layer.Inputs.Skip(2), after.Inputs.Skip(2));
        Assert.Equal(layer.Attributes, after.Attributes);
        foreach (var kept in g.Nodes.Where(n => n.Name != Layer)) Assert.Equal(kept, r.Graph.FindNode(kept.Name));
    }

    [Theory]
    [InlineData("Conv")]
    [InlineData("ConvTranspose")]
    public void ErrorFallsAsTheRankGrows(string op)
    {
        var g = Single(op, 16, 6, 6, [16, 16, 3, 3], biasLength: 16, attributes: Ints("pads", 1, 1, 1, 1));
        var expected = Run(g);
        var errors = new[] { 1, 2, 4, 8, 12, 16 }.Select(rank => RmsDiff(expected, InsertBottleneck.Run(g, [Layer], Rank(rank)).Graph)).ToArray();
        for (int i = 1; i < errors.Length; i++) Assert.True(errors[i] < errors[i - 1], $"errors by rank: {string.Join(", ", errors)}");
        Assert.True(errors[^1] < 1e-5);
    }

    [Fact]
    public void RankOneKeepsTheStrongestInputDirection()
    {
        // A 1x1 Conv with weight diag(3, 1): along input channels M = diag(3, 1), so rank 1 keeps input channel 0.
        var t = Single("Conv", 2, 1, 1, [2, 2, 1, 1]);
        var g = t with { Initializers = t.Initializers.SetItem("w", TensorData.FromFloats([2, 2, 1, 1], [3, 0, 0, 1])) };
        var r = InsertBottleneck.Run(g, [Layer], Rank(1));
        var layer = r.Graph.FindNode(Layer)!;
        var p = r.Graph.Initializers[r.Graph.Producer(layer.Inputs[0])!.Inputs[1]].ToFloatArray();
        var w = r.Graph.Initializers[layer.Inputs[1]].ToFloatArray();
        Assert.Equal([1f, 0], p.Select(v => Math.Abs(v)));
        Assert.Equal([3f, 0], w.Select(v => v * Math.Sign(p[0])));
        Assert.Equal([2L, 1, 1, 1], r.Graph.Initializers[layer.Inputs[1]].Dims.ToArray());
    }

    [Fact]
    public void EnergyPicksTheRank()
    {
        // Singular values 3, 2, 1: 90 % of Σ s² = 14 needs 9 + 4.
        var t = Single("Conv", 3, 4, 4, [3, 3, 1, 1]);
        var g = t with { Initializers = t.Initializers.SetItem("w", TensorData.FromFloats([3, 3, 1, 1], [3, 0, 0, 0, 2, 0, 0, 0, 1])) };
        var r = InsertBottleneck.Run(g, [Layer], new BottleneckOptions { Rank = RankChoice.OfEnergy(0.9), RequireFewerMacs = false });
        Assert.Equal([2L, 3, 1, 1], r.Graph.Initializers[r.Graph.Producer(r.Graph.FindNode(Layer)!.Inputs[0])!.Inputs[1]].Dims.ToArray());
        Assert.Contains("92.9% of the energy", Assert.Single(r.Details));
    }

    [Fact]
    public void ARankAboveTheInputChannelsIsCapped()
    {
        var g = Single("Conv", 4, 5, 5, [6, 4, 3, 3]);
        var r = InsertBottleneck.Run(g, [Layer], Rank(10));
        Assert.Contains("4-channel bottleneck", Assert.Single(r.Details));
        Assert.True(MaxDiff(g, r.Graph) <= 1e-4);
    }

    [Fact]
    public void ABottleneckThatDoesNotSaveMacsIsSkippedByDefault()
    {
        var g = Single("Conv", 8, 6, 6, [8, 8, 3, 3]);
        var full = InsertBottleneck.Run(g, [Layer], new BottleneckOptions { Rank = RankChoice.Fixed(8) });
        Assert.Equal(0, full.Changes);
        Assert.Same(g, full.Graph);
        Assert.StartsWith("skipped Conv 'layer': a bottleneck of 8 channels on 8 input channels would not lower its MACs", Assert.Single(full.Details));

        var half = InsertBottleneck.Run(g, [Layer], new BottleneckOptions { Rank = RankChoice.Fixed(2) });
        Assert.Equal(1, half.Changes);
    }

    [Fact]
    public void GroupedLayersAndUnknownNamesAreRefused()
    {
        var grouped = Single("Conv", 4, 5, 5, [4, 2, 3, 3], attributes: Int("group", 2));
        var e = Assert.Throws<OptionException>(() => InsertBottleneck.Run(grouped, [Layer], Rank(2)));
        Assert.Equal("InsertBottleneck: node 'layer' (Conv) has group 2; only ungrouped convolutions (group 1) can be factorized", e.Message);

        var g = Single("Conv", 4, 5, 5, [4, 4, 3, 3]);
        Assert.Contains("no node named 'nosuch'", Assert.Throws<OptionException>(() => InsertBottleneck.Run(g, ["nosuch"], Rank(2))).Message);
        Assert.Contains("is not a Conv or ConvTranspose",
            Assert.Throws<OptionException>(() => InsertBottleneck.Run(Single("Conv", 4, 5, 5, [4, 4, 3, 3], prelude: true), ["relu"], Rank(2))).Message);
    }
}
