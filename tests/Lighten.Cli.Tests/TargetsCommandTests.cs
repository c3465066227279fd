using System.Text.Json;

namespace Lighten.Cli.Tests;

public class TargetsCommandTests
{
    private static readonly string[] Names = ["host", "rk3399-armcl", "rk3399-cpu", "rpi4", "jetson-nano"];

    [Fact]
    public void The_table_lists_every_built_in_target()
    {
        var result = CliRunner.Run("targets");
        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var name in Names) Assert.Contains(name, result.Out);
        Assert.Contains("fp16", result.Out);
        Assert.Contains("GB/s", result.Out);
    }

    [Fact]
    public void The_json_gives_peaks_per_precision_with_null_where_a_target_cannot_run_it()
    {
        var targets = CliRunner.Json(CliRunner.Run("targets", "--json")).EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(Names, targets.Keys);
        var armcl = targets["rk3399-armcl"];
        Assert.Equal(217.6, armcl.GetProperty("peak").GetProperty("fp16").GetDouble());
        Assert.Equal("all except ConvTranspose", armcl.GetProperty("ops").GetProperty("int8").GetString());
        Assert.Equal(JsonValueKind.Null, targets["rpi4"].GetProperty("peak").GetProperty("fp16").ValueKind);
        Assert.Equal(JsonValueKind.Null, targets["jetson-nano"].GetProperty("peak").GetProperty("int8").ValueKind);
        Assert.Equal(472, targets["jetson-nano"].GetProperty("peak").GetProperty("fp16").GetDouble());
        Assert.All(targets.Values, t => Assert.True(t.GetProperty("sources").GetArrayLength() > 0));
    }
}
