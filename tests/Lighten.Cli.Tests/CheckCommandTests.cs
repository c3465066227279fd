using System.Text.Json;

namespace Lighten.Cli.Tests;

public class CheckCommandTests
{
    private static readonly string TinyPose = CliRunner.DataFile("tiny_pose_resnet_64.onnx");

    private const string BoardYaml = """
        name: my-board
        peak:
          fp32: 10
        bandwidthGBps: 1
        ramGiB: 0.001
        ops:
          fp32: [Conv, Relu, Add, BatchNormalization, MaxPool]
        """;

    [Fact]
    public void The_json_has_exactly_the_documented_shape()
    {
        var root = CliRunner.Json(CliRunner.Run("check", TinyPose, "--target", "rk3399-armcl", "--json"));
        Assert.Equal(["target", "unsupported", "fitsInRam", "estimatedLatencyMs"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("rk3399-armcl", root.GetProperty("target").GetString());
        Assert.True(root.GetProperty("fitsInRam").GetBoolean());
        var latency = root.GetProperty("estimatedLatencyMs");
        Assert.Equal(["fp32", "fp16", "int8"], latency.EnumerateObject().Select(p => p.Name));
        Assert.All(latency.EnumerateObject(), p => Assert.True(p.Value.GetDouble() > 0));
        foreach (var u in root.GetProperty("unsupported").EnumerateArray())
            Assert.Equal(["node", "op", "precision"], u.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Rk3399_armcl_flags_every_conv_transpose_for_int8()
    {
        var unsupported = CliRunner.Json(CliRunner.Run("check", TinyPose, "--target", "rk3399-armcl", "--json")).GetProperty("unsupported").EnumerateArray().ToList();
        Assert.Equal(3, unsupported.Count);
        Assert.All(unsupported, u =>
        {
            Assert.Equal("ConvTranspose", u.GetProperty("op").GetString());
            Assert.Equal("int8", u.GetProperty("precision").GetString());
            Assert.Contains("ConvTranspose", u.GetProperty("node").GetString());
        });
    }

    [Fact]
    public void The_table_names_the_unsupported_nodes()
    {
        var result = CliRunner.Run("check", TinyPose, "--target", "rk3399-armcl");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("fits in RAM", result.Out);
        Assert.Contains("int8: 3 node(s) the target cannot run", result.Out);
        Assert.Contains("/head/head.0/ConvTranspose (ConvTranspose)", result.Out);
    }

    [Fact]
    public void A_precision_the_target_cannot_run_is_null()
    {
        var latency = CliRunner.Json(CliRunner.Run("check", TinyPose, "--target", "rpi4", "--json")).GetProperty("estimatedLatencyMs");
        Assert.Equal(JsonValueKind.Null, latency.GetProperty("fp16").ValueKind);
        Assert.True(latency.GetProperty("fp32").GetDouble() > 0);
    }

    [Fact]
    public void A_yaml_profile_stands_for_a_target()
    {
        var path = Path.Combine(CliRunner.TempDir(), "board.yaml");
        File.WriteAllText(path, BoardYaml);
        var root = CliRunner.Json(CliRunner.Run("check", TinyPose, "--target", path, "--json"));
        Assert.Equal("my-board", root.GetProperty("target").GetString());
        Assert.False(root.GetProperty("fitsInRam").GetBoolean());
        var unsupported = root.GetProperty("unsupported").EnumerateArray().ToList();
        Assert.Equal(3, unsupported.Count);
        Assert.All(unsupported, u => Assert.Equal(("ConvTranspose", "fp32"), (u.GetProperty("op").GetString(), u.GetProperty("precision").GetString())));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("estimatedLatencyMs").GetProperty("int8").ValueKind);
    }

    [Fact]
    public void Input_shapes_change_the_estimate()
    {
        double one = CliRunner.Json(CliRunner.Run("check", TinyPose, "--target", "rk3399-cpu", "--json")).GetProperty("estimatedLatencyMs").GetProperty("fp32").GetDouble();
        double four = CliRunner.Json(CliRunner.Run("check", TinyPose, "--target", "rk3399-cpu", "--input-shape", "input=4x3x64x64", "--json"))
            .GetProperty("estimatedLatencyMs").GetProperty("fp32").GetDouble();
        Assert.True(four > 2 * one, $"{four} vs {one}");
    }

    [Fact]
    public void A_measure_command_adds_the_measured_latency()
    {
        if (OperatingSystem.IsWindows()) return;
        var root = CliRunner.Json(CliRunner.Run("check", TinyPose, "--target", "rk3399-armcl", "--measure-cmd", "test -f {model} && echo 'latency: 12.5 ms'", "--json"));
        var measured = root.GetProperty("measuredLatencyMs");
        Assert.Equal(12.5, measured.GetProperty("fp32").GetDouble());
        Assert.Equal(JsonValueKind.Null, measured.GetProperty("fp16").ValueKind);
        var table = CliRunner.Run("check", TinyPose, "--target", "rk3399-armcl", "--measure-cmd", "echo 12.5 # {model}");
        Assert.Contains("measured ms", table.Out);
        Assert.Contains("12.5", table.Out);
    }

    [Fact]
    public void Bad_measure_output_is_one_line() =>
        CliRunner.AssertOneLineError(CliRunner.Run("check", TinyPose, "--target", "rpi4", "--measure-cmd", "echo done # {model}"),
            "--measure-cmd", "'done'");

    [Fact]
    public void An_unknown_target_is_one_line_listing_the_names() =>
        CliRunner.AssertOneLineError(CliRunner.Run("check", TinyPose, "--target", "nosuch"), "'nosuch'", "rk3399-armcl", "jetson-nano");

    [Fact]
    public void A_missing_target_is_one_line() =>
        CliRunner.AssertOneLineError(CliRunner.Run("check", TinyPose), "--target");

    [Fact]
    public void A_broken_yaml_profile_is_one_line_naming_the_file_and_key()
    {
        var path = Path.Combine(CliRunner.TempDir(), "broken.yaml");
        File.WriteAllText(path, BoardYaml.Replace("fp32: 10", "fp32: fast", StringComparison.Ordinal));
        CliRunner.AssertOneLineError(CliRunner.Run("check", TinyPose, "--target", path), path, "peak.fp32");
    }

    [Fact]
    public void Precision_models_need_the_measure_command() =>
        CliRunner.AssertOneLineError(CliRunner.Run("check", TinyPose, "--target", "rpi4", "--model-int8", TinyPose), "--measure-cmd");

    [Fact]
    public void A_missing_model_is_one_line() =>
        CliRunner.AssertOneLineError(CliRunner.Run("check", "/nonexistent/m.onnx", "--target", "rpi4"), "/nonexistent/m.onnx");
}
