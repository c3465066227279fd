using System.Text.Json;
using Lighten.Core;
using Lighten.Core.Onnx;
using Microsoft.ML.OnnxRuntime;
using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests;

public class ZooCommandTests
{
    [Fact]
    public void List_shows_every_model_with_torchvisions_parameter_count()
    {
        var result = CliRunner.Run("zoo", "list");

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var name in new[] { "resnet50", "mobilenet_v2_w035", "mobilenet_v3_small", "shufflenet_v2_x2_0", "pose_resnet50", "pose_mobilenet_v2" })
            Assert.Contains($" {name} ", result.Out);
        Assert.Contains("25,557,032", result.Out);
        Assert.Contains("4.09G", result.Out);
        Assert.Contains("300.77M", result.Out);
    }

    [Fact]
    public void List_as_json_gives_exact_figures()
    {
        var result = CliRunner.Run("zoo", "list", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var models = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(22, models.Count);
        Assert.Equal(25_557_032, models["resnet50"].GetProperty("params").GetInt64());
        Assert.Equal(4_089_184_256, models["resnet50"].GetProperty("macs").GetInt64());
        Assert.Equal(3_504_872, models["mobilenet_v2"].GetProperty("params").GetInt64());
        Assert.Equal(300_774_272, models["mobilenet_v2"].GetProperty("macs").GetInt64());
        Assert.Equal("pose", models["pose_resnet50"].GetProperty("task").GetString());
    }

    [Fact]
    public void Export_writes_a_pose_model_that_onnx_runtime_runs()
    {
        var dir = CliRunner.TempDir();
        var output = Path.Combine(dir, "pose.onnx");

        var result = CliRunner.Run("zoo", "export", "shufflenet_v2_x0_5", "--input-shape", "1x3x256x256", "--task", "pose", "--joints", "16",
            "--deconv-channels", "32", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("pose_shufflenet_v2_x0_5", result.Out);
        Assert.Equal([Path.GetFileName(output)], Directory.GetFiles(dir).Select(Path.GetFileName));
        var graph = OnnxImporter.Load(output);
        GraphValidator.Validate(graph);
        Assert.Equal("batchx3x256x256", graph.Inputs.Single().Shape?.ToString());
        Assert.Equal("batchx16x64x64", graph.Outputs.Single().Shape?.ToString());

        using var session = new InferenceSession(output);
        using var input = OrtValue.CreateTensorValueFromMemory(new float[2 * 3 * 256 * 256], [2, 3, 256, 256]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [input], ["output"]);
        Assert.Equal([2L, 16, 64, 64], outputs[0].GetTensorTypeAndShape().Shape);
    }

    [Fact]
    public void Export_with_a_seed_is_reproducible()
    {
        var dir = CliRunner.TempDir();
        string Export(string seed, string file)
        {
            var path = Path.Combine(dir, file);
            var result = CliRunner.Run("zoo", "export", "mobilenet_v3_small", "--input-shape", "1x3x64x64", "--classes", "10", "--seed", seed, "-o", path);
            Assert.True(result.ExitCode == 0, result.Error);
            return path;
        }
        var a = File.ReadAllBytes(Export("3", "a.onnx"));
        Assert.Equal(a, File.ReadAllBytes(Export("3", "b.onnx")));
        Assert.NotEqual(a, File.ReadAllBytes(Export("4", "c.onnx")));
        Assert.Equal("batchx10", OnnxImporter.Load(Path.Combine(dir, "a.onnx")).Outputs.Single().Shape?.ToString());
    }

    [Theory]
    [InlineData("resnet5", "1x3x224x224", "'resnet5'")]
    [InlineData("resnet18", "1x3x224", "--input-shape")]
    [InlineData("resnet18", "1x1x224x224", "3 channels")]
    [InlineData("resnet18", "1x3xax224", "--input-shape")]
    [InlineData("resnet18", "1x3x16x16", "at least 32")]
    public void Export_refuses_a_bad_name_or_shape(string name, string shape, string mention)
    {
        var output = Path.Combine(CliRunner.TempDir(), "model.onnx");
        AssertOneLineError(CliRunner.Run("zoo", "export", name, "--input-shape", shape, "-o", output), mention);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Export_refuses_options_of_the_other_task()
    {
        var output = Path.Combine(CliRunner.TempDir(), "model.onnx");
        AssertOneLineError(CliRunner.Run("zoo", "export", "pose_resnet18", "--classes", "10", "-o", output), "--classes");
        AssertOneLineError(CliRunner.Run("zoo", "export", "resnet18", "--joints", "16", "-o", output), "--task pose");
        AssertOneLineError(CliRunner.Run("zoo", "export", "resnet18", "--task", "segment", "-o", output), "segment");
        AssertOneLineError(CliRunner.Run("zoo", "export", "resnet18", "--width", "0.5", "-o", output), "fixed width");
    }

    [Fact]
    public void Export_requires_an_output() =>
        AssertOneLineError(CliRunner.Run("zoo", "export", "resnet18"), "-o");
}
