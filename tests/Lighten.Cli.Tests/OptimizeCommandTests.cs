using Lighten.Core;
using Lighten.Core.Onnx;

namespace Lighten.Cli.Tests;

public class OptimizeCommandTests
{
    [Fact]
    public void Optimize_folds_batch_norm_and_writes_a_valid_model()
    {
        var dir = CliRunner.TempDir();
        var output = Path.Combine(dir, "pose.opt.onnx");

        var result = CliRunner.Run("optimize", CliRunner.DataFile("tiny_pose_resnet_64.onnx"), "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("FoldBatchNorm", result.Out);
        var graph = OnnxImporter.Load(output);
        Assert.DoesNotContain(graph.Nodes, n => n.OpType == "BatchNormalization");
        GraphValidator.Validate(graph);
        Assert.Equal([Path.GetFileName(output)], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Optimize_with_a_fixed_input_folds_shufflenet_shape_subgraphs()
    {
        var output = Path.Combine(CliRunner.TempDir(), "shuffle.opt.onnx");

        var result = CliRunner.Run("optimize", CliRunner.DataFile("shufflenet_v2_x0_5_c10_96.onnx"), "--input-shape", "input=1x3x96x96", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        var graph = OnnxImporter.Load(output);
        Assert.DoesNotContain(graph.Nodes, n => n.OpType is "Shape" or "Gather" or "Unsqueeze");
        Assert.Equal(56, graph.Nodes.Count(n => n.OpType == "Conv"));
    }

    [Fact]
    public void Optimize_requires_an_output()
    {
        var result = CliRunner.Run("optimize", CliRunner.DataFile("tiny_pose_resnet_64.onnx"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-o", result.Error);
    }
}
