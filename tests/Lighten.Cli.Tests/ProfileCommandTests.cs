using System.Text.Json;

namespace Lighten.Cli.Tests;

public class ProfileCommandTests
{
    public static TheoryData<string> Models => new()
    {
        "mobilenet_v2_w035_c10_96", "shufflenet_v2_x0_5_c10_96", "mobilenet_v3_small_c10_96", "tiny_pose_resnet_64",
    };

    private static JsonElement Reference(string model)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(CliRunner.DataFile("reference_costs.json")));
        return doc.RootElement.GetProperty(model).Clone();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Json_macs_equal_the_reference_count(string model)
    {
        var reference = Reference(model);
        var shape = string.Join("x", reference.GetProperty("input").EnumerateArray().Select(d => d.GetInt64()));

        var result = CliRunner.Run("profile", CliRunner.DataFile(model + ".onnx"), "--input-shape", $"input={shape}", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(reference.GetProperty("macs").GetInt64(), root.GetProperty("totals").GetProperty("macs").GetInt64());
        Assert.Equal(reference.GetProperty("onnx_initializer_elements").GetInt64(), root.GetProperty("totals").GetProperty("params").GetInt64());
        Assert.Equal(0, root.GetProperty("unsupported").GetArrayLength());
        Assert.Equal(model + ".onnx", root.GetProperty("model").GetString());
        var input = root.GetProperty("inputs")[0];
        Assert.Equal("input", input.GetProperty("name").GetString());
        Assert.Equal(shape, string.Join("x", input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())));
        long layerMacs = root.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("macs").GetInt64());
        Assert.Equal(reference.GetProperty("macs").GetInt64(), layerMacs);
        Assert.True(root.GetProperty("totals").GetProperty("peakActivationBytes").GetInt64() > 0);
    }

    [Fact]
    public void Symbolic_batch_is_taken_as_one_and_reported()
    {
        var result = CliRunner.Run("profile", CliRunner.DataFile("tiny_pose_resnet_64.onnx"), "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(12369920, json.RootElement.GetProperty("totals").GetProperty("macs").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("assumedDims").GetProperty("batch").GetInt64());
    }

    [Fact]
    public void A_batch_of_four_costs_four_times_as_much()
    {
        var result = CliRunner.Run("profile", CliRunner.DataFile("mobilenet_v2_w035_c10_96.onnx"), "--input-shape", "input=4x3x96x96", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(4 * 10666928L, json.RootElement.GetProperty("totals").GetProperty("macs").GetInt64());
    }

    [Fact]
    public void Table_lists_the_top_layers_by_macs()
    {
        var result = CliRunner.Run("profile", CliRunner.DataFile("tiny_pose_resnet_64.onnx"), "--top", "3");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("ConvTranspose", result.Out);
        Assert.Contains("3 of", result.Out);
        Assert.Contains("total", result.Out);
    }
}
