using Lighten.Core.Zoo;

namespace Lighten.Core.Tests.Zoo;

/// <summary>Every zoo model validates, exports, runs in ONNX Runtime with a dynamic batch and keeps its outputs through the cleanup passes.</summary>
public class ZooOrtTests
{
    private static readonly ZooOptions Small = new() { InputHeight = 64, InputWidth = 64, Classes = 10 };

    public static TheoryData<string> Classifiers => ZooModels.ClassifierNames;

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void ClassifierRunsAtBatch2(string name)
    {
        var output = ZooModels.RunAndCompareWithCleanup(ZooModels.Get(name, Small), batch: 2);
        Assert.Equal([2L, 10L], output.Shape);
    }

    [Theory]
    [InlineData("pose_shufflenet_v2_x0_5", null)]
    [InlineData("pose_mobilenet_v3_small", 64)]
    public void PoseModelGives64x64HeatmapsAt256(string name, int? bottleneck)
    {
        var options = new ZooOptions { InputHeight = 256, InputWidth = 256, Joints = 16, DeconvChannels = 64, BottleneckChannels = bottleneck };
        var output = ZooModels.RunAndCompareWithCleanup(ZooModels.Get(name, options), batch: 2);
        Assert.Equal([2L, 16L, 64L, 64L], output.Shape);
    }

    [Theory]
    [InlineData("pose_resnet50")]
    [InlineData("pose_mobilenet_v2")]
    public void PoseModelRunsAtASmallInput(string name)
    {
        var options = new ZooOptions { InputHeight = 64, InputWidth = 96, Joints = 17 };
        var output = ZooModels.RunAndCompareWithCleanup(ZooModels.Get(name, options), batch: 1);
        Assert.Equal([1L, 17L, 16L, 24L], output.Shape);
    }
}
