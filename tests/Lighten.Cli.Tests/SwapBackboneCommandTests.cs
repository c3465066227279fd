using System.Text.Json;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Zoo;
using Lighten.Training;
using Lighten.Training.Tests.Trainer;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
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

    [Fact]
    public void A_text_recognizer_gets_every_default_candidate_grafted_and_the_result_trains_and_runs_with_its_output_shape()
    {
        var root = TempDir();
        var model = Path.Combine(root, "crnn.onnx");
        OnnxExporter.Save(TextRecognizer.Build(height: 64, width: 192), model);
        var output = Path.Combine(root, "g1.onnx");

        var json = Json(Run("swap-backbone", model, "--epochs", "0", "--runs", "1", "--threads", "1", "--json", "-o", output));

        var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(ModelZoo.GraftCandidates, candidates.Select(c => c.GetProperty("candidate").GetString()));
        Assert.All(candidates, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("skipped").ValueKind));
        var details = candidates[0].GetProperty("details").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Contains("adapter: stride-2x1 3x3 DWConv+BN+ReLU 1280x2x6 → 1280x1x6", details);
        Assert.Contains(details, d => d!.StartsWith("adapter: linear Resize 96x1x6 → 96x1x48", StringComparison.Ordinal));
        Assert.Equal([1, 48, 37], RunOnes(output));

        // The training engine runs the graft as ONNX Runtime does and sends gradients through the adapters.
        var graft = OnnxImporter.Load(Path.Combine(root, "g1.candidates", "mobilenet_v2.onnx"));
        using var scope = torch.NewDisposeScope();
        using var module = new GraphModule(graft);
        var input = torch.rand([2, 3, 64, 192], generator: new torch.Generator(5));
        // Eval first: a training forward moves the BatchNorm statistics away from the file's.
        module.eval();
        using (torch.no_grad())
        {
            var expected = RunOrt(Path.Combine(root, "g1.candidates", "mobilenet_v2.onnx"), input);
            var actual = module.forward(input).data<float>().ToArray();
            double scale = expected.Max(MathF.Abs), diff = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(diff <= 1e-4 * Math.Max(1, scale), $"GraphModule differs from ONNX Runtime by {diff} (scale {scale})");
        }
        module.train();
        var logits = module.forward(input);
        Assert.Equal([2L, 48, 37], logits.shape);
        logits.square().mean().backward();
        var adapters = graft.Initializers.Keys.Where(k => k.StartsWith("backbone_adapter.", StringComparison.Ordinal) && k.EndsWith(".0.weight", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, adapters.Count);
        foreach (var weight in adapters)
        {
            var grad = module.ValueOf(weight).grad!;
            Assert.True(grad.abs().max().item<float>() > 0 && grad.isfinite().all().item<bool>(), weight);
        }
    }

    [Fact]
    public void A_symbolic_width_is_one_line_naming_the_input_shape_and_grafts_with_it()
    {
        var root = TempDir();
        var model = Path.Combine(root, "crnn.onnx");
        OnnxExporter.Save(TextRecognizer.Build(height: 32, width: 192, widthSymbol: "W"), model);
        var output = Path.Combine(root, "g1.onnx");

        AssertOneLineError(Run("swap-backbone", model, "--epochs", "0", "--candidates", "mobilenet_v2", "-o", output), "--input-shape x=1x3x32xW");
        Assert.False(File.Exists(output));

        var result = Run("swap-backbone", model, "--epochs", "0", "--candidates", "mobilenet_v2", "--input-shape", "x=1x3x32x192",
            "--runs", "1", "--threads", "1", "-o", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("cut at '", result.Out);
        Assert.Equal([1, 48, 37], RunOnes(output));
    }

    /// <summary>The first output of the model file in ONNX Runtime on <paramref name="input"/>.</summary>
    private static float[] RunOrt(string path, torch.Tensor input)
    {
        using var session = new InferenceSession(path);
        var values = new DenseTensor<float>(input.data<float>().ToArray(), [.. input.shape.Select(d => (int)d)]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), values)]);
        return [.. results.First().AsTensor<float>()];
    }

    /// <summary>Runs the model file in ONNX Runtime on ones at batch 1 and returns its output's shape.</summary>
    private static int[] RunOnes(string path)
    {
        using var session = new InferenceSession(path);
        var input = session.InputMetadata.Single();
        int[] dims = [.. input.Value.Dimensions.Select(d => d < 0 ? 1 : d)];
        var values = new DenseTensor<float>(Enumerable.Repeat(1f, dims.Aggregate(1, (a, d) => a * d)).ToArray(), dims);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input.Key, values)]);
        var output = results.Single().AsTensor<float>();
        Assert.All(output, v => Assert.True(float.IsFinite(v)));
        return [.. output.Dimensions];
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
