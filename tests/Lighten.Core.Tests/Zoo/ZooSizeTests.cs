using Lighten.Core.Analysis;
using Lighten.Core.Zoo;

namespace Lighten.Core.Tests.Zoo;

/// <summary>Parameter counts equal torchvision's (at 1000 classes); MACs at 1x3x224x224 follow DESIGN.md's convention.</summary>
public class ZooSizeTests
{
    // Parameters: torchvision's sum(p.numel() for p in model.parameters()). MACs: Conv, ConvTranspose and Gemm only.
    public static TheoryData<string, long, long> Expected => new()
    {
        { "resnet18", 11_689_512, 1_814_073_344 },
        { "resnet34", 21_797_672, 3_663_761_408 },
        { "resnet50", 25_557_032, 4_089_184_256 },
        { "mobilenet_v2", 3_504_872, 300_774_272 },
        { "mobilenet_v2_w035", 1_677_128, 59_285_808 },
        { "mobilenet_v3_large", 5_483_032, 216_589_760 },
        { "mobilenet_v3_small", 2_542_856, 56_510_400 },
        { "shufflenet_v2_x0_5", 1_366_792, 40_476_448 },
        { "shufflenet_v2_x1_0", 2_278_604, 144_907_992 },
        { "shufflenet_v2_x1_5", 3_503_624, 295_759_392 },
        { "shufflenet_v2_x2_0", 7_393_996, 583_253_464 },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void ParametersAndMacsAt224(string name, long parameters, long macs)
    {
        var summary = ModelZoo.Summarize(name);
        Assert.Equal(parameters, summary.Parameters);
        Assert.Equal(macs, summary.Macs);
        Assert.Equal(name, summary.Entry.Name);
    }

    [Fact]
    public void IssueFiguresForResNet50AndMobileNetV2()
    {
        Assert.Equal(4.089, Math.Round(ModelZoo.Summarize("resnet50").Macs / 1e9, 3));
        Assert.Equal(0.301, Math.Round(ModelZoo.Summarize("mobilenet_v2").Macs / 1e9, 3));
    }

    [Fact]
    public void SummaryOfADrawnGraphEqualsTheUndrawnOne()
    {
        var options = new ZooOptions { InputHeight = 64, InputWidth = 64, Classes = 10 };
        var graph = ZooModels.Get("shufflenet_v2_x0_5", options);
        var summary = ModelZoo.Summarize("shufflenet_v2_x0_5", options);
        Assert.Equal(TrainableParameters.Count(graph), summary.Parameters);
        Assert.Equal(ZooModels.Macs(graph), summary.Macs);
    }

    [Fact]
    public void PoseResNet50AtTheIssuesInput()
    {
        // SimpleBaseline's PoseResNet-50: 34.0 M parameters; the head is 3 deconvolutions (2048→256, 256→256, 256→256) and a 1x1 conv.
        var summary = ModelZoo.Summarize("pose_resnet50", new ZooOptions { InputHeight = 256, InputWidth = 256, Joints = 16 });
        long backbone = 25_557_032 - (2048 * 1000 + 1000);
        long head = (2048 + 256 + 256) * 256 * 16 + 3 * 2 * 256 + 256 * 16 + 16;
        Assert.Equal(backbone + head, summary.Parameters);
        long backboneMacs = 4_089_184_256 - 2048 * 1000;
        long scaled = backboneMacs * 256 * 256 / (224 * 224);
        long headMacs = 8L * 8 * 16 * 256 * 2048 + 16L * 16 * 16 * 256 * 256 + 32L * 32 * 16 * 256 * 256 + 64L * 64 * 256 * 16;
        Assert.Equal(scaled + headMacs, summary.Macs);
    }

    [Fact]
    public void PoseBottleneckShrinksTheHead()
    {
        var plain = ModelZoo.Summarize("pose_mobilenet_v2", new ZooOptions { InputHeight = 256, InputWidth = 256 });
        var bottleneck = ModelZoo.Summarize("pose_mobilenet_v2", new ZooOptions { InputHeight = 256, InputWidth = 256, BottleneckChannels = 64 });
        // Deconvolutions read 64 channels instead of 1280 / 256; each gains a 1x1 conv to 64 channels with its BatchNorm.
        long before = (1280 + 256 + 256) * 256 * 16L;
        long after = 3 * 64 * 256 * 16L + (1280 + 256 + 256) * 64 + 3 * 2 * 64;
        Assert.Equal(plain.Parameters - before + after, bottleneck.Parameters);
        Assert.True(bottleneck.Macs < plain.Macs / 2, $"{bottleneck.Macs} vs {plain.Macs}");
    }
}
