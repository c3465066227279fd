using System.Text.Json;
using Lighten.Core;
using Lighten.Core.Onnx;

namespace Lighten.Cli.Tests;

public class Fp16CommandTests
{
    private static readonly string Model = CliRunner.DataFile("mobilenet_v2_w035_c10_96.onnx");

    [Fact]
    public void Force_writes_the_fp16_model_with_the_measured_decision()
    {
        var output = Path.Combine(CliRunner.TempDir(), "m.fp16.onnx");
        var result = CliRunner.Run("fp16", Model, "--force", "--runs", "2", "--json", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("fp32Ms").GetDouble() > 0);
        Assert.True(root.GetProperty("fp16Ms").GetDouble() > 0);
        Assert.Contains("on this host", root.GetProperty("reason").GetString());
        Assert.Equal(output, root.GetProperty("written").GetString());
        var graph = OnnxImporter.Load(output);
        Assert.Equal(ElementType.Float, graph.Inputs[0].ElementType);
        Assert.Contains(graph.Initializers.Values, t => t.ElementType == ElementType.Float16);
    }

    [Fact]
    public void Without_force_the_model_is_written_only_if_fp16_is_faster()
    {
        var output = Path.Combine(CliRunner.TempDir(), "m.fp16.onnx");
        var result = CliRunner.Run("fp16", Model, "--runs", "2", "--keep-fp32", "Gemm,Add", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("decision:", result.Out);
        Assert.Contains("kept in FP32 on request", result.Out);
        Assert.Equal(result.Out.Contains("decision: convert"), File.Exists(output));
    }

    [Fact]
    public void Unknown_keep_fp32_names_and_targets_are_one_line_errors()
    {
        var output = Path.Combine(CliRunner.TempDir(), "m.fp16.onnx");
        CliRunner.AssertOneLineError(CliRunner.Run("fp16", Model, "--keep-fp32", "NoSuchOp", "-o", output), "NoSuchOp");
        CliRunner.AssertOneLineError(CliRunner.Run("fp16", Model, "--target", "mars", "-o", output), "mars");
        CliRunner.AssertOneLineError(CliRunner.Run("fp16", Model), "-o");
        Assert.False(File.Exists(output));
    }
}
