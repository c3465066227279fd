using System.Text.Json;
using Lighten.Runtime.Tests;

namespace Lighten.Cli.Tests;

public class EvalCommandTests
{
    private static JsonElement Json(CliRunner.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.Clone();
    }

    [Fact]
    public void Classify_json_gives_the_hand_computed_top1()
    {
        var (data, model) = EvaluationFixtures.Colors();
        var root = Json(CliRunner.Run("eval", model, "--data", data, "--task", "classify", "--json", "--batch", "4"));

        Assert.Equal(model, root.GetProperty("model").GetString());
        Assert.Equal("classify", root.GetProperty("task").GetString());
        Assert.Equal("top1", root.GetProperty("metric").GetProperty("name").GetString());
        Assert.Equal(EvaluationFixtures.ColorsTop1, root.GetProperty("metric").GetProperty("value").GetDouble(), 6);
        Assert.Equal(6, root.GetProperty("samples").GetInt32());
        Assert.False(root.TryGetProperty("perJoint", out _));
    }

    [Fact]
    public void Pose_json_gives_pckh_per_joint_and_oks_ap()
    {
        var (folder, _, model) = EvaluationFixtures.Blocks();
        var root = Json(CliRunner.Run("eval", model, "--data", folder, "--task", "pose", "--json"));

        Assert.Equal("PCKh@0.5", root.GetProperty("metric").GetProperty("name").GetString());
        Assert.Equal(EvaluationFixtures.BlocksPckh, root.GetProperty("metric").GetProperty("value").GetDouble(), 6);
        Assert.Equal(2, root.GetProperty("samples").GetInt32());
        var joints = root.GetProperty("perJoint").EnumerateArray().ToList();
        Assert.Equal(16, joints.Count);
        Assert.Equal("r_ankle", joints[0].GetProperty("name").GetString());
        Assert.Equal(0.5, joints[4].GetProperty("value").GetDouble());
        var ap = root.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "OKS AP");
        Assert.Equal(EvaluationFixtures.BlocksOksAp, ap.GetProperty("value").GetDouble(), 6);
    }

    [Fact]
    public void Table_shows_metrics_and_joints()
    {
        var (folder, _, model) = EvaluationFixtures.Blocks();
        var result = CliRunner.Run("eval", model, "--data", Path.Combine(folder, "annotations.json"), "--task", "pose");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("PCKh@0.5", result.Out);
        Assert.Contains("64.52", result.Out);
        Assert.Contains("l_wrist", result.Out);
    }

    [Fact]
    public void Skip_bad_counts_the_corrupt_image()
    {
        var (data, model) = EvaluationFixtures.Colors();
        File.WriteAllBytes(Path.Combine(data, "b", "corrupt.png"), [1, 2, 3, 4]);
        var root = Json(CliRunner.Run("eval", model, "--data", data, "--task", "classify", "--skip-bad", "--json"));

        Assert.Equal(1, root.GetProperty("skipped").GetInt32());
        Assert.Equal(6, root.GetProperty("samples").GetInt32());
    }
}
