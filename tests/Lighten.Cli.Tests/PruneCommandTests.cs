using System.Text.Json;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Prune;
using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests;

public class PruneCommandTests
{
    private static string Pose => DataFile("tiny_pose_resnet_64.onnx");

    [Fact]
    public void Structured_removes_channels_and_keeps_the_output_shape()
    {
        var output = Path.Combine(TempDir(), "pose.pruned.onnx");

        var result = Run("prune", Pose, "--structured", "--ratio", "0.5", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("% fewer)", result.Out);
        Assert.Contains("graph output", result.Out);
        Assert.Contains("not fine-tuned", result.Out);
        var dense = OnnxImporter.Load(Pose);
        var pruned = OnnxImporter.Load(output);
        GraphValidator.Validate(pruned);
        Assert.Equal(ShapeInference.Run(dense).Graph.Outputs[0].Shape, ShapeInference.Run(pruned).Graph.Outputs[0].Shape);
        Assert.True(pruned.Initializers.Values.Sum(t => t.ElementCount) < 0.5 * dense.Initializers.Values.Sum(t => t.ElementCount));
    }

    [Fact]
    public void Structured_json_gives_the_macs_before_and_after()
    {
        var output = Path.Combine(TempDir(), "pose.bn.onnx");
        var result = Run("prune", Pose, "--structured", "--ratio", "0.3", "--criterion", "bn", "--global", "--json", "-o", output);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("macsAfter").GetInt64() < root.GetProperty("macsBefore").GetInt64());
        Assert.True(root.GetProperty("removedGroups").GetInt32() > 0);
    }

    [Fact]
    public void Structured_pruning_that_removes_nothing_says_so()
    {
        // One Conv writing the graph output: its channels are the output's, so no group can go.
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, 3, 8, 8)));
        b.SetInitializer("w", TensorData.FromFloats([4, 3, 1, 1], [.. Enumerable.Range(0, 12).Select(i => i / 12f)]));
        b.AddNode(new Node("conv", "Conv", ["x", "w"], ["y"]));
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        var dir = TempDir();
        var model = Path.Combine(dir, "one.onnx");
        OnnxExporter.Save(b.ToGraph() with { Opsets = [new OpsetImport("", 13)] }, model);

        var text = Run("prune", model, "--structured", "--ratio", "0.5", "-o", Path.Combine(dir, "out.onnx"));
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.StartsWith("warning: nothing was pruned", text.Out);
        Assert.Contains("graph output", text.Out);
        var json = Json(Run("prune", model, "--structured", "--ratio", "0.5", "--json", "-o", Path.Combine(dir, "out2.onnx")));
        Assert.Equal(0, json.GetProperty("removedGroups").GetInt32());
        Assert.StartsWith("warning: nothing was pruned", json.GetProperty("warning").GetString());
    }

    [Fact]
    public void Unstructured_reports_sparsity_sizes_and_latency()
    {
        var output = Path.Combine(TempDir(), "pose.sparse.onnx");

        var result = Run("prune", Pose, "--unstructured", "--sparsity", "0.8", "--json", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var layers = root.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("sparsity").GetDouble()).ToArray();
        Assert.Equal(0, layers[0]);
        Assert.Equal(0, layers[^1]);
        Assert.All(layers[1..^1], s => Assert.Equal(0.8, s, 2));
        Assert.Equal(root.GetProperty("rawBytesBefore").GetInt64(), root.GetProperty("rawBytesAfter").GetInt64());
        Assert.True(root.GetProperty("zipBytesAfter").GetInt64() < root.GetProperty("zipBytesBefore").GetInt64());
        Assert.True(root.GetProperty("latencyMsAfter").GetDouble() > 0);
    }

    [Fact]
    public void Unstructured_fine_tuning_raises_the_sparsity_on_the_schedule()
    {
        var root = TempDir();
        Assert.Equal(0, Run("data", "synth-pose", "--out-dir", Path.Combine(root, "data", "train"), "--count", "8", "--size", "64", "--seed", "1").ExitCode);
        Assert.Equal(0, Run("data", "synth-pose", "--out-dir", Path.Combine(root, "data", "val"), "--count", "4", "--size", "64", "--seed", "2").ExitCode);
        var output = Path.Combine(root, "pose.sparse.onnx");

        var result = Run("prune", Pose, "--unstructured", "--sparsity", "0.7", "--data", Path.Combine(root, "data"), "--task", "pose",
            "--epochs", "2", "--batch", "4", "--prune-every", "1", "--ramp-epochs", "1", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("epoch 2/2", result.Out);
        Assert.Contains("zip size", result.Out);
        var graph = OnnxImporter.Load(output);
        var report = SparsityReport.Measure(graph);
        Assert.All(report.Layers.Skip(1).SkipLast(1), l => Assert.Equal(0.7, l.Sparsity, 2));
    }

    [Fact]
    public void Bad_requests_are_one_line()
    {
        var output = Path.Combine(TempDir(), "o.onnx");
        AssertOneLineError(Run("prune", Pose, "-o", output), "--structured or --unstructured");
        AssertOneLineError(Run("prune", Pose, "--structured", "--ratio", "1", "-o", output), "[0, 1)");
        AssertOneLineError(Run("prune", Pose, "--structured", "--criterion", "l3", "-o", output), "'l3'");
        AssertOneLineError(Run("prune", Pose, "--unstructured", "--exclude", "ghost", "-o", output), "'ghost'");
        AssertOneLineError(Run("prune", Pose, "--structured", "-o", Pose), "input");
        Assert.False(File.Exists(output));
    }
}
