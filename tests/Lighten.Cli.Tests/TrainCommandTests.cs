using System.Text.Json;
using Lighten.Core.Onnx;
using Lighten.Training.Tests.Trainer;
using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests;

public class TrainCommandTests
{
    private static (string Root, string Data, string Model) TinySetup()
    {
        var root = TempDir();
        var data = TinyImageFolder.Create(Path.Combine(root, "data"));
        var model = Path.Combine(root, "tiny.onnx");
        OnnxExporter.Save(TinyNet.Classifier(TinyImageFolder.Classes.Length, 32), model);
        return (root, data, model);
    }

    [Fact]
    public void Trains_a_classifier_writes_onnx_and_reports_its_onnx_runtime_metric()
    {
        var (root, data, model) = TinySetup();
        var output = Path.Combine(root, "trained.onnx");

        var result = Run("train", "--model", model, "--task", "classify", "--data", data, "--epochs", "6", "--batch", "8", "--lr", "0.01", "--seed", "3", "-o", output, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(output));
        Assert.True(File.Exists(Path.Combine(root, "trained.checkpoint", "checkpoint.lighten")));
        using var json = JsonDocument.Parse(result.Out);
        var metric = json.RootElement.GetProperty("metric");
        Assert.Equal("top1", metric.GetProperty("name").GetString());
        Assert.True(metric.GetProperty("onnx").GetDouble() >= 0.75, result.Out);
        Assert.Equal(metric.GetProperty("training").GetDouble(), metric.GetProperty("onnx").GetDouble(), 6);
        Assert.Equal(6, json.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.Equal("Completed", json.RootElement.GetProperty("stop").GetString());

        var eval = Run("eval", output, "--data", data, "--task", "classify", "--size", "32", "--json");
        using var evalJson = JsonDocument.Parse(eval.Out);
        Assert.Equal(metric.GetProperty("onnx").GetDouble(), evalJson.RootElement.GetProperty("metric").GetProperty("value").GetDouble(), 6);
    }

    [Fact]
    public void Finetune_with_a_teacher_prints_epochs_and_the_shipped_metric()
    {
        var (root, data, model) = TinySetup();
        var output = Path.Combine(root, "student.onnx");

        var result = Run("finetune", model, "--task", "classify", "--data", data, "--epochs", "2", "--batch", "8",
            "--teacher", model, "--alpha", "0.5", "--temperature", "2", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("start: top1", result.Out);
        Assert.Contains("epoch 2/2: loss", result.Out);
        Assert.Contains("validation top1 of student.onnx in ONNX Runtime:", result.Out);
    }

    [Fact]
    public void Trains_a_zoo_pose_model_with_bottlenecks_in_mixed_precision_on_synthetic_poses()
    {
        var root = TempDir();
        Assert.Equal(0, Run("data", "synth-pose", "--out-dir", Path.Combine(root, "data", "train"), "--count", "8", "--size", "64", "--seed", "1").ExitCode);
        Assert.Equal(0, Run("data", "synth-pose", "--out-dir", Path.Combine(root, "data", "val"), "--count", "4", "--size", "64", "--seed", "2").ExitCode);
        var output = Path.Combine(root, "pose.onnx");

        var result = Run("train", "--model", "pose_shufflenet_v2_x0_5", "--task", "pose", "--data", Path.Combine(root, "data"), "--size", "64",
            "--epochs", "1", "--batch", "4", "--bottleneck", "16", "--mixed-precision", "bf16", "-o", output, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("PCKh@0.5", json.RootElement.GetProperty("metric").GetProperty("name").GetString());
        Assert.Equal("pose_shufflenet_v2_x0_5", json.RootElement.GetProperty("model").GetString());
        // Each ConvTranspose reads a 16-channel bottleneck (1x1 Conv, BatchNorm, Relu); the written weights are float32.
        var graph = Lighten.Core.Onnx.OnnxImporter.Load(output);
        var deconvs = graph.Nodes.Where(n => n.OpType == "ConvTranspose").ToList();
        Assert.NotEmpty(deconvs);
        Assert.All(deconvs, d => Assert.Equal(16, graph.Initializers[d.Inputs[1]].Dims[0]));
        Assert.All(graph.Initializers.Values.Where(t => t.ElementType is Lighten.Core.ElementType.Float or Lighten.Core.ElementType.Float16 or Lighten.Core.ElementType.BFloat16), t => Assert.Equal(Lighten.Core.ElementType.Float, t.ElementType));
    }

    [Fact]
    public void Missing_data_folder_is_one_line()
    {
        var (root, _, model) = TinySetup();
        AssertOneLineError(Run("train", "--model", model, "--task", "classify", "--data", Path.Combine(root, "nowhere"), "-o", Path.Combine(root, "o.onnx")),
            "dataset folder not found");
    }

    [Fact]
    public void Pose_folder_without_train_annotations_is_one_line()
    {
        var (root, data, _) = TinySetup();
        AssertOneLineError(Run("train", "--model", "pose_resnet18", "--task", "pose", "--data", data, "--size", "64", "-o", Path.Combine(root, "o.onnx")),
            "train/annotations.json");
    }

    [Theory]
    [InlineData("--data", "DIR is required")]
    [InlineData("--task", "--task must be classify or pose")]
    [InlineData("-o", "-o OUT.onnx is required")]
    [InlineData("--model", "--model ZOO_NAME|MODEL.onnx is required")]
    public void Missing_option_is_one_line(string left, string mention)
    {
        var args = new List<string> { "train", "--model", "resnet18", "--task", "classify", "--data", "d", "-o", "o.onnx" };
        int at = args.IndexOf(left);
        args.RemoveRange(at, 2);
        AssertOneLineError(Run([.. args]), mention);
    }

    [Fact]
    public void Bad_values_are_one_line()
    {
        var (root, data, model) = TinySetup();
        var output = Path.Combine(root, "o.onnx");
        AssertOneLineError(Run("train", "--model", "no_such_net", "--task", "classify", "--data", data, "--size", "32", "-o", output), "the zoo has no model 'no_such_net'");
        AssertOneLineError(Run("train", "--model", "resnet18", "--task", "classify", "--data", data, "-o", output), "--size is required");
        AssertOneLineError(Run("train", "--model", model, "--task", "classify", "--data", data, "--optimizer", "lion", "-o", output), "--optimizer 'lion'");
        AssertOneLineError(Run("train", "--model", model, "--task", "classify", "--data", data, "--epochs", "0", "-o", output), "epochs must be at least 1");
        AssertOneLineError(Run("train", "--model", model, "--task", "classify", "--data", data, "--size", "48", "-o", output), "--size 48x48");
        AssertOneLineError(Run("train", "--model", model, "--task", "classify", "--data", data, "--mixed-precision", "fp16", "-o", output), "use bf16");
        AssertOneLineError(Run("train", "--model", model, "--task", "classify", "--data", data, "--mixed-precision", "int4", "-o", output), "'int4'");
        AssertOneLineError(Run("train", "--model", model, "--task", "classify", "--data", data, "--heatmap-sigma", "3", "-o", output), "--heatmap-sigma is the width of pose targets; this is --task classify");
        AssertOneLineError(Run("train", "--model", "pose_resnet18", "--task", "pose", "--data", data, "--size", "64", "--heatmap-sigma", "0", "-o", output), "--heatmap-sigma must lie in [0.25, 32], got 0");
        AssertOneLineError(Run("train", "--model", "resnet18", "--task", "classify", "--data", data, "--size", "32", "--bottleneck", "8", "-o", output), "pose models");
        AssertOneLineError(Run("train", "--model", model, "--task", "classify", "--data", data, "--bottleneck", "8", "-o", output), "not to an ONNX file");
        AssertOneLineError(Run("finetune", model, "--task", "classify", "--data", data, "-o", model), "is the input file");
        AssertOneLineError(Run("finetune", model, "--task", "pose", "--data", data, "-o", output), "train/annotations.json");
    }
}
