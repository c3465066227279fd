using Lighten.Core;
using Lighten.Core.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Cli.Tests;

/// <summary><c>--target</c> of <c>lighten quantize</c> and <c>lighten fp16</c> for the built-in and YAML device profiles.</summary>
public class PrecisionTargetTests
{
    private static readonly string Pose = CliRunner.DataFile("tiny_pose_resnet_64.onnx");

    /// <summary>A board whose runtime has INT8 (4x the FP32 rate) but no INT8 ConvTranspose, and FP16 only for Conv.</summary>
    private const string BoardYaml = """
        name: test-board
        peak:
          fp32: 20
          fp16: 40
          int8: 80
        bandwidthGBps: 4
        ramGiB: 1
        ops:
          fp32: all
          fp16: [Conv, Relu, Add]
          int8:
            allExcept: [ConvTranspose]
        layerOverheadUs: 10
        """;

    /// <summary>Runs <paramref name="path"/> in ONNX Runtime on a seeded input and returns its first output.</summary>
    private static float[] Run(string path)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        var random = new Random(3);
        var data = Enumerable.Range(0, 3 * 64 * 64).Select(_ => random.NextSingle()).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(data, [1, 3, 64, 64]);
        using var run = new RunOptions();
        using var outputs = session.Run(run, [session.InputNames[0]], [input], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Whether <paramref name="node"/> reads its weight as a float initializer (runs FP32), not through a DequantizeLinear.</summary>
    private static bool HasFloatWeights(Graph graph, Node node) =>
        graph.Initializers.TryGetValue(node.Inputs[1], out var w) && w.ElementType == ElementType.Float;

    [Fact]
    public void On_rk3399_armcl_the_conv_transposes_stay_fp32_between_qdq_boundaries_and_the_model_runs()
    {
        var output = Path.Combine(CliRunner.TempDir(), "pose.armcl.onnx");
        var result = CliRunner.Run("quantize", Pose, "--calib", "synthetic", "--count", "8", "--target", "rk3399-armcl", "--json", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        var json = CliRunner.Json(result);
        Assert.Equal("rk3399-armcl", json.GetProperty("target").GetString());
        Assert.Contains("estimated", json.GetProperty("timing").GetString());
        Assert.Empty(json.GetProperty("subPixel").EnumerateObject());
        var deconvs = json.GetProperty("layers").EnumerateArray().Where(l => l.GetProperty("op").GetString() == "ConvTranspose").ToList();
        Assert.Equal(3, deconvs.Count);
        Assert.All(deconvs, l => Assert.Equal("FP32", l.GetProperty("precision").GetString()));
        Assert.All(deconvs, l => Assert.Contains("has no INT8 ConvTranspose", l.GetProperty("reason").GetString()));
        Assert.True(json.GetProperty("int8Layers").GetInt32() >= 10, "the Convs around the deconvolutions run in INT8");

        var graph = OnnxImporter.Load(output);
        var convTransposes = graph.Nodes.Where(n => n.OpType == "ConvTranspose").ToList();
        Assert.Equal(3, convTransposes.Count);
        Assert.All(convTransposes, n => Assert.True(HasFloatWeights(graph, n), $"{n.Name} has quantized weights"));
        // The first deconvolution reads the dequantized output of the INT8 backbone: the graph converts at the island's edge.
        Assert.Equal("DequantizeLinear", graph.Producer(convTransposes[0].Inputs[0])?.OpType);
        Assert.Contains(graph.Nodes, n => n.OpType == "Conv" && !HasFloatWeights(graph, n));

        var fp32 = Run(Pose);
        var int8 = Run(output);
        Assert.Equal(fp32.Length, int8.Length);
        Assert.All(int8, v => Assert.True(float.IsFinite(v)));
        double scale = fp32.Max(Math.Abs), error = fp32.Zip(int8).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(error < 0.25 * scale, $"INT8 differs from FP32 by {error} (scale {scale})");
    }

    [Theory]
    [InlineData("host")]
    [InlineData("rk3399-armcl")]
    [InlineData("rk3399-cpu")]
    [InlineData("rpi4")]
    [InlineData("yaml")]
    public void Every_target_with_int8_writes_a_model_that_runs(string target)
    {
        var dir = CliRunner.TempDir();
        if (target == "yaml") File.WriteAllText(target = Path.Combine(dir, "board.yaml"), BoardYaml);
        var output = Path.Combine(dir, "pose.int8.onnx");
        var result = CliRunner.Run("quantize", Pose, "--calib", "synthetic", "--count", "4", "--target", target, "--json", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        var json = CliRunner.Json(result);
        Assert.True(json.GetProperty("int8Layers").GetInt32() > 0);
        Assert.Contains(target == "host" ? "measured on this host" : "estimated", json.GetProperty("timing").GetString());
        Assert.All(Run(output), v => Assert.True(float.IsFinite(v)));
        if (target.EndsWith(".yaml", StringComparison.Ordinal))
        {
            Assert.Equal("test-board", json.GetProperty("target").GetString());
            // INT8 runs 4x faster there, but not ConvTranspose: each is either FP32 or rewritten into sub-pixel INT8 Convs.
            var graph = OnnxImporter.Load(output);
            Assert.All(graph.Nodes.Where(n => n.OpType == "ConvTranspose"), n => Assert.True(HasFloatWeights(graph, n)));
        }
    }

    [Fact]
    public void A_target_without_int8_skips_quantization_with_the_reason_and_writes_nothing()
    {
        var output = Path.Combine(CliRunner.TempDir(), "pose.int8.onnx");
        var result = CliRunner.Run("quantize", Pose, "--calib", "synthetic", "--count", "2", "--target", "jetson-nano", "--json", "-o", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("G3 skipped: target 'jetson-nano' runs no INT8", CliRunner.Json(result).GetProperty("skipped").GetString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Fp16_on_a_profile_decides_from_its_estimate_and_keeps_the_ops_it_lacks_fp32()
    {
        var dir = CliRunner.TempDir();
        var yaml = Path.Combine(dir, "board.yaml");
        File.WriteAllText(yaml, BoardYaml);
        var output = Path.Combine(dir, "pose.fp16.onnx");
        var result = CliRunner.Run("fp16", Pose, "--target", yaml, "--json", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        var json = CliRunner.Json(result);
        Assert.True(json.GetProperty("estimated").GetBoolean());
        double fp32 = json.GetProperty("fp32Ms").GetDouble(), fp16 = json.GetProperty("fp16Ms").GetDouble();
        Assert.True(fp16 < fp32, $"FP16 {fp16} ms, FP32 {fp32} ms");
        Assert.True(json.GetProperty("convert").GetBoolean());
        Assert.Contains("estimated", json.GetProperty("reason").GetString());
        var kept = json.GetProperty("keptFp32").EnumerateArray().ToList();
        Assert.Equal(3, kept.Count(k => k.GetProperty("op").GetString() == "ConvTranspose"));
        Assert.All(kept.Where(k => k.GetProperty("op").GetString() == "ConvTranspose"),
            k => Assert.Equal("target 'test-board' has no FP16 ConvTranspose", k.GetProperty("reason").GetString()));
        var fp32Out = Run(Pose);
        var fp16Out = Run(output);
        double scale = fp32Out.Max(Math.Abs);
        Assert.InRange(fp32Out.Zip(fp16Out).Max(p => Math.Abs(p.First - p.Second)) / scale, 0, 1e-2);
    }

    [Theory]
    [InlineData("rk3399-armcl", true)]
    [InlineData("jetson-nano", true)]
    [InlineData("rpi4", false)]
    [InlineData("rk3399-cpu", false)]
    public void Fp16_on_built_in_profiles_follows_their_fp16_support(string target, bool runsFp16)
    {
        var output = Path.Combine(CliRunner.TempDir(), "pose.fp16.onnx");
        var result = CliRunner.Run("fp16", Pose, "--target", target, "--json", "-o", output);
        Assert.True(result.ExitCode == 0, result.Error);
        var json = CliRunner.Json(result);
        if (!runsFp16)
        {
            Assert.Equal($"target '{target}' runs no FP16", json.GetProperty("reason").GetString());
            Assert.False(File.Exists(output));
            return;
        }
        Assert.True(json.GetProperty("estimated").GetBoolean());
        Assert.Equal(json.GetProperty("convert").GetBoolean(), File.Exists(output));
        Assert.Equal(json.GetProperty("fp16Ms").GetDouble() < json.GetProperty("fp32Ms").GetDouble(), json.GetProperty("convert").GetBoolean());
    }

    [Theory]
    [InlineData("quantize")]
    [InlineData("fp16")]
    public void Unknown_targets_and_invalid_profiles_are_one_line_errors(string command)
    {
        var dir = CliRunner.TempDir();
        var bad = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(bad, "name: b\npeak:\n  fp64: 1\nbandwidthGBps: 1\nramGiB: 1\n");
        var output = Path.Combine(dir, "out.onnx");
        string[] calib = command == "quantize" ? ["--calib", "synthetic", "--count", "2"] : [];
        CliRunner.AssertOneLineError(CliRunner.Run([command, Pose, .. calib, "--target", "rk3399", "-o", output]), "unknown target 'rk3399'");
        CliRunner.AssertOneLineError(CliRunner.Run([command, Pose, .. calib, "--target", bad, "-o", output]), "peak.fp64");
        CliRunner.AssertOneLineError(CliRunner.Run([command, Pose, .. calib, "--target", Path.Combine(dir, "missing.yaml"), "-o", output]), "missing.yaml");
        Assert.False(File.Exists(output));
    }
}
