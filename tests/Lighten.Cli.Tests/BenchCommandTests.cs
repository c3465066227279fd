using System.Text.Json;

namespace Lighten.Cli.Tests;

public class BenchCommandTests
{
    private const string MobileNet = "mobilenet_v2_w035_c10_96.onnx";
    private const string TinyPose = "tiny_pose_resnet_64.onnx";

    [Fact]
    public void Json_lists_each_model_with_consistent_latency()
    {
        var result = CliRunner.Run("bench", CliRunner.DataFile(MobileNet), CliRunner.DataFile(TinyPose),
            "--runs", "4", "--warmup-runs", "1", "--threads", "1", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([CliRunner.DataFile(MobileNet), CliRunner.DataFile(TinyPose)], rows.Select(r => r.GetProperty("model").GetString()));
        foreach (var row in rows)
        {
            Assert.Equal(["model", "initMs", "latencyMs", "runs", "threads"], row.EnumerateObject().Select(p => p.Name));
            var latency = row.GetProperty("latencyMs");
            Assert.Equal(["min", "median", "p90", "mean"], latency.EnumerateObject().Select(p => p.Name));
            double min = latency.GetProperty("min").GetDouble(), median = latency.GetProperty("median").GetDouble();
            Assert.True(min > 0 && min <= median && median <= latency.GetProperty("p90").GetDouble());
            Assert.True(row.GetProperty("initMs").GetDouble() > 0);
            Assert.Equal(4, row.GetProperty("runs").GetInt32());
            Assert.Equal(1, row.GetProperty("threads").GetInt32());
        }
    }

    [Fact]
    public void Table_compares_models_with_macs_and_size()
    {
        var result = CliRunner.Run("bench", CliRunner.DataFile(MobileNet), CliRunner.DataFile(TinyPose), "--runs", "2", "--warmup-runs", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var header in new[] { "init ms", "median ms", "p90 ms", "min ms", "MACs", "size" }) Assert.Contains(header, result.Out);
        Assert.Contains(MobileNet, result.Out);
        Assert.Contains(TinyPose, result.Out);
        Assert.Contains("10.67M", result.Out);   // reference_costs.json: 10,667,864 MACs at batch 1
        Assert.Contains("MiB", result.Out);
        Assert.Contains("2 timed runs after 0 warm-up", result.Out);
    }
}
