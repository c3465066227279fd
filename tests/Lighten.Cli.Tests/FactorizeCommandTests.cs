using System.Text.Json;
using Lighten.Core;
using Lighten.Core.Onnx;

namespace Lighten.Cli.Tests;

public class FactorizeCommandTests
{
    private static string Pose => CliRunner.DataFile("tiny_pose_resnet_64.onnx");

    [Fact]
    public void Factorize_writes_a_valid_model_with_a_bottleneck_and_prints_the_layers()
    {
        var dir = CliRunner.TempDir();
        var output = Path.Combine(dir, "pose.g2.onnx");

        var result = CliRunner.Run("factorize", Pose, "--layers", "ConvTranspose", "--bottleneck", "64", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("bottleneck 128 → 64", result.Out);
        Assert.Contains("524.29K", result.Out);
        Assert.Contains("294.91K", result.Out);
        Assert.Contains("would not lower its MACs", result.Out);
        Assert.Contains("MACs 12.37M → 12.14M", result.Out);
        var graph = OnnxImporter.Load(output);
        GraphValidator.Validate(graph);
        Assert.Equal(OnnxImporter.Load(Pose).Nodes.Length + 1, graph.Nodes.Length);
        Assert.Equal([Path.GetFileName(output)], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Json_lists_the_layers_and_the_totals()
    {
        var output = Path.Combine(CliRunner.TempDir(), "pose.dws.onnx");

        var result = CliRunner.Run("factorize", Pose, "--dws", "--threshold", "0.15", "--json", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(output, root.GetProperty("output").GetString());
        Assert.True(root.GetProperty("macsAfter").GetInt64() < root.GetProperty("macsBefore").GetInt64());
        var layer = Assert.Single(root.GetProperty("layers").EnumerateArray());
        Assert.Equal(("Conv", "DecomposeDepthwiseSeparable"), (layer.GetProperty("op").GetString(), layer.GetProperty("pass").GetString()));
        Assert.Contains("is a ConvTranspose", Assert.Single(root.GetProperty("skipped").EnumerateArray()).GetString());
    }

    [Fact]
    public void A_bad_layer_name_is_one_line()
    {
        var output = Path.Combine(CliRunner.TempDir(), "x.onnx");
        CliRunner.AssertOneLineError(CliRunner.Run("factorize", Pose, "--layers", "nosuch", "--bottleneck", "64", "-o", output), "'nosuch'");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_grouped_layer_named_for_a_bottleneck_is_one_line()
    {
        var model = CliRunner.DataFile("mobilenet_v2_w035_c10_96.onnx");
        var depthwise = OnnxImporter.Load(model).Nodes.First(n => n.OpType == "Conv" && n.GetInt("group", 1) > 1).Name;
        CliRunner.AssertOneLineError(
            CliRunner.Run("factorize", model, "--layers", depthwise, "--bottleneck", "4", "-o", Path.Combine(CliRunner.TempDir(), "x.onnx")),
            depthwise, "only ungrouped convolutions");
    }

    [Theory]
    [InlineData("--bottleneck", "8", "--energy", "0.9")]
    [InlineData("--multiplier", "2", "--bottleneck", "8")]
    [InlineData("--kernel-rank", "2", "--dws")]
    [InlineData("--energy", "1.5")]
    [InlineData("--bottleneck", "0")]
    [InlineData("--dws", "--multiplier", "50", "--layers", "/stem/stem.0/Conv")]
    [InlineData("--bottleneck", "8", "--threshold", "2")]
    [InlineData("--threshold", "0.5")]
    public void Bad_options_are_one_line(params string[] options)
    {
        var output = Path.Combine(CliRunner.TempDir(), "x.onnx");
        CliRunner.AssertOneLineError(CliRunner.Run(["factorize", Pose, .. options, "-o", output]));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void The_input_is_never_overwritten()
    {
        var dir = CliRunner.TempDir();
        var input = Path.Combine(dir, "pose.onnx");
        File.Copy(Pose, input);
        var before = File.ReadAllBytes(input);
        CliRunner.AssertOneLineError(CliRunner.Run("factorize", input, "--bottleneck", "8", "-o", input), "never overwritten");
        Assert.Equal(before, File.ReadAllBytes(input));
    }
}
