using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms;
using Lighten.Core.Transforms.Cleanup;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms;

/// <summary>Every cleanup pass, and the whole of <see cref="Optimize"/>, keeps each test model's outputs in ONNX Runtime.</summary>
public class CleanupDifferentialTests
{
    private const int Seed = 17;
    private const double RelativeTolerance = 1e-4;

    public static TheoryData<string> Models => CleanupModels.Names;

    private static readonly (string Name, Func<IrGraph, IrGraph> Run)[] Passes =
    [
        (FoldConstants.Name, g => FoldConstants.Run(g).Graph),
        (RemoveIdentity.Name, g => RemoveIdentity.Run(g).Graph),
        (FoldBatchNorm.Name, g => FoldBatchNorm.Run(g).Graph),
        (nameof(Optimize), g => Optimize.Run(g).Graph),
    ];

    [Theory]
    [MemberData(nameof(Models))]
    public void PassesKeepOrtOutputs(string model)
    {
        var original = CleanupModels.AtBatch1(model);
        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(original), Seed);
        double scale = expected.Values.SelectMany(t => t.Values).Max(v => Math.Abs((double)v));
        foreach (var (name, run) in Passes)
        {
            var transformed = run(original);
            GraphValidator.Validate(transformed);
            var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(transformed), Seed);
            double diff = OrtRunner.MaxAbsDiff(expected, actual);
            Assert.True(diff <= RelativeTolerance * scale, $"{name} on {model}: outputs differ by {diff:g3} (largest output {scale:g3})");
        }
    }

    [Fact]
    public void PoseModelLosesItsBatchNormalizations()
    {
        var g = CleanupModels.AtBatch1("tiny_pose_resnet_64.onnx");
        Assert.Equal(3, g.Nodes.Count(n => n.OpType == "BatchNormalization"));
        var r = FoldBatchNorm.Run(g);
        Assert.Equal(3, r.Changes);
        Assert.DoesNotContain(r.Graph.Nodes, n => n.OpType == "BatchNormalization");
        Assert.All(r.Details, d => Assert.Matches("^folded BatchNormalization '.+' into ConvTranspose '.+'$", d));
    }

    [Fact]
    public void ShuffleNetShapeSubgraphsFoldAway()
    {
        var g = CleanupModels.AtBatch1("shufflenet_v2_x0_5_c10_96.onnx");
        var r = FoldConstants.Run(g);
        var folded = ShapeInference.Run(r.Graph).Graph;

        Assert.DoesNotContain(folded.Nodes, n => n.OpType is "Shape" or "Gather" or "Unsqueeze" or "Cast" or "Div" or "Mul");
        Assert.All(folded.Nodes.Where(n => n.OpType == "Concat"),
            n => Assert.Equal(ElementType.Float, folded.FindValue(n.Outputs[0])?.ElementType));
        Assert.All(folded.Nodes.Where(n => n.OpType == "Reshape"), n => Assert.Contains(n.Inputs[1], folded.Initializers.Keys));
        Assert.All(folded.Nodes.Where(n => n.OpType == "Slice"),
            n => Assert.All(n.Inputs.Skip(1).Where(i => i.Length > 0), i => Assert.Contains(i, folded.Initializers.Keys)));
    }

    [Fact]
    public void MobileNetV3LosesItsIdentities()
    {
        var g = CleanupModels.AtBatch1("mobilenet_v3_small_c10_96.onnx");
        Assert.Contains(g.Nodes, n => n.OpType == "Identity");
        Assert.DoesNotContain(RemoveIdentity.Run(g).Graph.Nodes, n => n.OpType == "Identity");
        Assert.DoesNotContain(Optimize.Run(g).Graph.Nodes, n => n.OpType == "Identity");
    }

    [Fact]
    public void OptimizeReportsEveryPassInOrder()
    {
        var r = Optimize.Run(CleanupModels.AtBatch1("tiny_pose_resnet_64.onnx"));
        Assert.Equal([FoldConstants.Name, RemoveIdentity.Name, FoldBatchNorm.Name], r.Passes.Select(p => p.Pass).ToArray());
        Assert.Equal(3, r.Changes);
        Assert.Same(r.Passes[^1].Graph, r.Graph);
    }
}
