using Lighten.Core.Analysis;
using Lighten.Core.Transforms.Factorize;
using Lighten.Core.Zoo;
using Xunit.Abstractions;

namespace Lighten.Core.Tests.Transforms.Factorize;

/// <summary>The G1+G2 figure: MobileNetV2 backbone + SimpleBaseline head at 256×256, 16 joints, a 64-channel bottleneck before every ConvTranspose.</summary>
public class ReferenceCaseMacsTests(ITestOutputHelper output)
{
    private const double G1PlusG2Macs = 0.787e9;

    [Fact]
    public void BottleneckBeforeEveryConvTransposeOfPoseMobileNetV2MatchesTheReferenceMacs()
    {
        var options = new ZooOptions { InputHeight = 256, InputWidth = 256, Joints = 16, Seed = 1 };
        var g = ModelZoo.Build("pose_mobilenet_v2", options);

        var r = FactorizeConvolutions.Run(g, new FactorizeOptions
        {
            Selection = new() { Layers = ["ConvTranspose"] },
            Bottleneck = new() { Rank = RankChoice.Fixed(64) },
        });

        output.WriteLine($"pose_mobilenet_v2 256x256: {r.MacsBefore / 1e9:F4} GMACs → {r.MacsAfter / 1e9:F4} GMACs");
        Assert.Equal(3, r.Layers.Length);
        Assert.Empty(r.Skipped);
        Assert.True(Math.Abs(r.MacsAfter - G1PlusG2Macs) <= 0.01 * G1PlusG2Macs, $"{r.MacsAfter / 1e9:F4} GMACs");
        // The zoo's own bottleneck variant (1x1 Conv + BN + ReLU before each ConvTranspose) costs the same MACs.
        Assert.Equal(ModelZoo.Summarize("pose_mobilenet_v2", options with { BottleneckChannels = 64 }).Macs, r.MacsAfter);
        Assert.Equal(Profiler.Run(r.Graph).Totals.Macs, r.MacsAfter);
    }
}
