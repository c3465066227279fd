using System.Text.Json;

namespace Lighten.Cli.Tests;

/// <summary><c>lighten run</c> and <c>lighten demo</c>: bad input and a failed baseline are one line and exit 2; the smoke demo runs end to end.</summary>
public class PipelineCommandTests
{
    private static string Temp() => Directory.CreateTempSubdirectory("lighten-run-cli-").FullName;

    private static string Write(string dir, string text)
    {
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Valid = """
        model:
          zoo: pose_resnet18
        task: pose
        data:
          dir: data
          preprocess:
            size: 64x64
        """;

    [Fact]
    public void A_malformed_pipeline_is_one_line_naming_the_line_and_the_allowed_keys()
    {
        var dir = Temp();
        var result = CliRunner.Run("run", Write(dir, Valid + "\nrequirements:\n  max_latency: 3\n"), "--out-dir", Path.Combine(dir, "out"));
        CliRunner.AssertOneLineError(result, "pipeline.yaml", "line 9", "unknown key 'max_latency'", "max_latency_ms");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_missing_pipeline_file_dataset_or_an_unknown_target_is_one_line()
    {
        var dir = Temp();
        CliRunner.AssertOneLineError(CliRunner.Run("run", Path.Combine(dir, "none.yaml")), "none.yaml", "not found");
        CliRunner.AssertOneLineError(CliRunner.Run("run", Write(dir, Valid), "--out-dir", Path.Combine(dir, "out")), "dataset folder not found");
        CliRunner.AssertOneLineError(CliRunner.Run("run", Write(dir, Valid + "\ntarget: toaster\n"), "--out-dir", Path.Combine(dir, "out")),
            "unknown target 'toaster'", "rk3399-armcl");
        CliRunner.AssertOneLineError(CliRunner.Run("demo", "--preset", "huge"), "--preset 'huge'", "smoke, quick, paper");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_model_the_baseline_cannot_read_stops_the_run_with_one_line()
    {
        var dir = Temp();
        var data = Lighten.Training.Tests.Trainer.TinyImageFolder.Create(Path.Combine(dir, "data"));
        File.WriteAllText(Path.Combine(dir, "model.onnx"), "not an ONNX model");
        var pipeline = Write(dir, $"model:\n  file: model.onnx\ntask: classify\ndata:\n  dir: {data}\n  preprocess:\n    size: 32x32\n");
        CliRunner.AssertOneLineError(CliRunner.Run("run", pipeline, "--out-dir", Path.Combine(dir, "out")), "the baseline failed", "model.onnx");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void The_smoke_demo_runs_every_stage_end_to_end_and_resumes_to_the_same_table()
    {
        var dir = Temp();
        var run = CliRunner.Run("demo", "--preset", "smoke", "--out-dir", dir, "--json");
        Assert.True(run.ExitCode is 0 or 4, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var stages = json.RootElement.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal("baseline", stages[0].GetProperty("name").GetString());
        Assert.Equal(["baseline", "G1", "G2", "G3", "G4", "G5"], stages.Select(s => s.GetProperty("name").GetString()));
        Assert.True(stages[0].GetProperty("medianMs").GetDouble() > 0);
        foreach (var file in new[] { "report.md", "report.json", "report.html", "journal.json", "final.onnx", "pipeline.yaml" })
            Assert.True(File.Exists(Path.Combine(dir, file)), file);

        var resumed = CliRunner.Run("demo", "--preset", "smoke", "--out-dir", dir, "--resume", "--json");
        using var again = JsonDocument.Parse(resumed.Out);
        Assert.Equal(json.RootElement.GetProperty("stages").ToString(), again.RootElement.GetProperty("stages").ToString());
        Directory.Delete(dir, true);
    }
}
