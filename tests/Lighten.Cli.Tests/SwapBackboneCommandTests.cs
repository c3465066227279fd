using System.Text.Json;
using Lighten.Core.Onnx;
using Lighten.Core.Zoo;
using Lighten.Training.Tests.Trainer;
using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests;

public class SwapBackboneCommandTests
{
    private const string NoHardSwishYaml = """
        name: no-hardswish
        peak:
          fp32: 10
        bandwidthGBps: 1
        ramGiB: 1
        ops:
          fp32:
            allExcept: [HardSwish]
        """;

    private static (string Root, string Model) ZooClassifier()
    {
        var root = TempDir();
        var model = Path.Combine(root, "resnet18.onnx");
        OnnxExporter.Save(ModelZoo.Build("resnet18", new ZooOptions { InputHeight = 32, InputWidth = 32, Classes = TinyImageFolder.Classes.Length, Seed = 1 }), model);
        return (root, model);
    }

    [Fact]
    public void Epochs_zero_grafts_without_data_and_prints_every_candidate()
    {
        var (root, model) = ZooClassifier();
        var output = Path.Combine(root, "g1.onnx");

        var result = Run("swap-backbone", model, "--epochs", "0", "--candidates", "mobilenet_v2,shufflenet_v2_x0_5", "--runs", "2", "--threads", "1", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(output));
        Assert.True(File.Exists(Path.Combine(root, "g1.candidates", "mobilenet_v2.onnx")));
        Assert.Contains("shufflenet_v2_x0_5", result.Out);
        Assert.Contains("best", result.Out);
        Assert.Contains("adapter: 1x1 Conv+BN+ReLU", result.Out);
    }

    [Fact]
    public void Fine_tunes_on_data_and_reports_json_with_skipped_candidates()
    {
        var (root, model) = ZooClassifier();
        var data = TinyImageFolder.Create(Path.Combine(root, "data"));
        var profile = Path.Combine(root, "board.yaml");
        File.WriteAllText(profile, NoHardSwishYaml);
        var output = Path.Combine(root, "g1.onnx");

        var result = Run("swap-backbone", model, "--task", "classify", "--data", data, "--epochs", "1", "--batch", "8", "--no-adapter",
            "--candidates", "mobilenet_v3_small", "--candidates", "shufflenet_v2_x0_5", "--target", profile, "--runs", "2", "--threads", "1",
            "--json", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var candidates = json.RootElement.GetProperty("candidates");
        Assert.Contains("cannot run HardSwish", candidates[0].GetProperty("skipped").GetString());
        Assert.Equal("shufflenet_v2_x0_5", json.RootElement.GetProperty("best").GetString());
        Assert.Equal("top1", candidates[1].GetProperty("metric").GetProperty("name").GetString());
        Assert.True(candidates[1].GetProperty("trainSeconds").GetDouble() > 0);
        Assert.Equal("top1", json.RootElement.GetProperty("baseline").GetProperty("metric").GetProperty("name").GetString());
        Assert.Contains(candidates[1].GetProperty("details").EnumerateArray(), d => d.GetString()!.StartsWith("re-shaped Gemm", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vgg16", "--candidates", "vgg16", "--epochs", "0")]
    [InlineData("--data", "--epochs", "1", "--task", "pose")]
    [InlineData("--task", "--epochs", "0", "--task", "segment")]
    [InlineData("--epochs", "--epochs", "-1")]
    [InlineData("fp64", "--precision", "fp64", "--epochs", "0")]
    [InlineData("nosuch", "--target", "nosuch", "--epochs", "0")]
    [InlineData("no tensor", "--cut", "nosuch", "--epochs", "0", "--candidates", "mobilenet_v2")]
    public void Bad_input_is_one_line_and_exit_2(string mention, params string[] options)
    {
        var (root, model) = ZooClassifier();
        var output = Path.Combine(root, "g1.onnx");
        AssertOneLineError(Run(["swap-backbone", model, .. options, "-o", output]), mention);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Weights_of_another_architecture_and_an_overwritten_input_are_refused()
    {
        var (root, model) = ZooClassifier();
        AssertOneLineError(Run("swap-backbone", model, "--epochs", "0", "--candidates", "mobilenet_v2", "--backbone-weights", model,
            "-o", Path.Combine(root, "g1.onnx")), "backbone weights", "not an export of mobilenet_v2");
        AssertOneLineError(Run("swap-backbone", model, "--epochs", "0", "-o", model), "never overwritten");
        AssertOneLineError(Run("swap-backbone", Path.Combine(root, "missing.onnx"), "--epochs", "0", "-o", Path.Combine(root, "g1.onnx")), "missing.onnx");
    }

    [Fact]
    public void Factorize_fine_tunes_after_factorizing_when_given_data()
    {
        var (root, model) = ZooClassifier();
        var data = TinyImageFolder.Create(Path.Combine(root, "data"));
        var output = Path.Combine(root, "g2.onnx");

        var result = Run("factorize", model, "--layers", "/layer4/layer4.1/conv2/Conv", "--bottleneck", "16", "--data", data, "--task", "classify",
            "--epochs", "1", "--batch", "8", "--threads", "1", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("fine-tuning follows", result.Out);
        Assert.Contains("start: top1", result.Out);
        Assert.Contains("validation top1 of g2.onnx in ONNX Runtime:", result.Out);
        Assert.Contains(OnnxImporter.Load(output).Nodes, n => n.Name.EndsWith("_bottleneck", StringComparison.Ordinal));
        AssertOneLineError(Run("factorize", model, "--bottleneck", "16", "--task", "classify", "-o", output), "--task goes with --data");
    }
}
