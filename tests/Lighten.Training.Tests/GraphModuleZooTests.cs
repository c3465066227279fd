using Lighten.Core.Zoo;
using Lighten.Training.Tests.Support;

namespace Lighten.Training.Tests;

/// <summary>GraphModule's eval forward matches ONNX Runtime on every zoo model (classifiers and pose models, BatchNorm unfolded).</summary>
public class GraphModuleZooTests
{
    private static readonly ZooOptions Small = new() { InputHeight = 64, InputWidth = 64, Classes = 10, Joints = 5, DeconvChannels = 32 };

    public static TheoryData<string> Names => [.. ModelZoo.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesOnnxRuntime(string name)
    {
        var graph = ModelZoo.Build(name, Small);
        double diff = ModuleRunner.DiffToOrt(graph, seed: 8, batch: 2);
        Assert.True(diff <= 1e-4, $"{name}: differs from ONNX Runtime by {diff:g3}");
    }
}
