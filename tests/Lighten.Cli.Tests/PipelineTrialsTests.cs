using System.Diagnostics;
using System.Text.Json;
using Lighten.Core.Onnx;
using Lighten.Core.Zoo;
using Lighten.Training.Tests.Trainer;
using Xunit.Abstractions;

namespace Lighten.Cli.Tests;

/// <summary>
/// <c>lighten run</c> with G1 over two candidates and G5 over two ratios as trials: in this process, and as child
/// processes <c>lighten trial</c> two at a time — the same decisions, metrics and bytes.
/// </summary>
public class PipelineTrialsTests(ITestOutputHelper output)
{
    private static string Pipeline(string data, string executor) => $"""
        model:
          file: resnet18.onnx
        task: classify
        data:
          dir: {data}
          preprocess:
            size: 32x32
        requirements:
          max_accuracy_drop: 100
        steps:
          g1:
            candidates: [shufflenet_v2_x0_5, mobilenet_v2]
            epochs: 1
          g2:
            enabled: false
          g3:
            enabled: false
          g4:
            enabled: false
          g5:
            ratios: [0.2, 0.5]
        fine_tune:
          epochs: 1
          batch: 8
        stop_when_met: false
        seed: 1
        benchmark_runs: 20
        threads: 1
        {executor}
        """;

    // Both candidates may tie on accuracy after one epoch on so few images; G1 then keeps the faster, and mobilenet_v2's
    // 7× more MACs (10 timed runs each, benchmark_runs / 2) keep that choice the same in both runs.
    private sealed record Run(JsonElement Stages, double Seconds);

    [Fact]
    public void Inprocess_and_local_trials_give_the_same_decisions_metrics_and_artifacts()
    {
        var dir = CliRunner.TempDir();
        OnnxExporter.Save(ModelZoo.Build("resnet18", new ZooOptions { InputHeight = 32, InputWidth = 32, Classes = TinyImageFolder.Classes.Length, Seed = 1 }),
            Path.Combine(dir, "resnet18.onnx"));
        var data = TinyImageFolder.Create(Path.Combine(dir, "data"));

        Run Once(string name, string executor)
        {
            var pipeline = Path.Combine(dir, name + ".yaml");
            File.WriteAllText(pipeline, Pipeline(data, executor));
            var clock = Stopwatch.StartNew();
            var result = CliRunner.Run("run", pipeline, "--out-dir", Path.Combine(dir, name), "--json");
            Assert.True(result.ExitCode == 0, result.Error);
            using var json = JsonDocument.Parse(result.Out);
            return new Run(json.RootElement.GetProperty("stages").Clone(), clock.Elapsed.TotalSeconds);
        }

        var inprocess = Once("inprocess", "");
        var local = Once("local", "executor:\n  kind: local\n  parallel: 2");

        string[] Column(Run run, string property) => [.. run.Stages.EnumerateArray().Select(s => s.TryGetProperty(property, out var v) ? v.ToString() : "")];
        foreach (var run in new[] { inprocess, local })
            output.WriteLine(string.Join(" | ", Column(run, "name").Select((name, i) =>
                $"{name} {Column(run, "decision")[i]} acc {Column(run, "accuracy")[i]} {Column(run, "seconds")[i]}s {Column(run, "sha256")[i]}")));
        Assert.Equal(["baseline", "G1", "G2", "G3", "G4", "G5"], Column(inprocess, "name"));
        Assert.Equal(Column(inprocess, "decision"), Column(local, "decision"));
        Assert.Equal(Column(inprocess, "accuracy"), Column(local, "accuracy"));
        Assert.Equal(Column(inprocess, "sha256"), Column(local, "sha256"));
        Assert.Equal("kept", Column(inprocess, "decision")[1]);
        var g5 = local.Stages[5].GetProperty("details").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Contains(g5, d => d.StartsWith("ratio 0.5: ", StringComparison.Ordinal));
        Assert.Contains(g5, d => d.StartsWith("ratio 0.2: ", StringComparison.Ordinal));

        // Each trial wrote the same bytes both ways, and the local ones logged to trial.log.
        foreach (var step in new[] { "G1", "G5" })
        {
            var a = Artifacts(Path.Combine(dir, "inprocess", "work", "trials", step));
            var b = Artifacts(Path.Combine(dir, "local", "work", "trials", step));
            Assert.Equal(2, a.Count);
            Assert.Equal(a, b);
            Assert.All(Directory.GetDirectories(Path.Combine(dir, "local", "work", "trials", step)), d => Assert.True(File.Exists(Path.Combine(d, "trial.log")), d));
        }
        // The journal keeps each finished trial's duration (what N slots would give is computed from them).
        foreach (var name in new[] { "inprocess", "local" })
        {
            var journal = Lighten.Pipeline.Journal.RunJournal.Load(Path.Combine(dir, name))!;
            Assert.All(journal.Trials!.Values.SelectMany(t => t), t => Assert.True(t.Seconds > 0, $"{name} {t.Label}: {t.Seconds}"));
        }
        output.WriteLine($"G1 seconds: inprocess {Column(inprocess, "seconds")[1]}, local {Column(local, "seconds")[1]}; run {inprocess.Seconds:0.0} s vs {local.Seconds:0.0} s");
        output.WriteLine(string.Join("\n", g5));
        output.WriteLine(string.Join("\n", local.Stages[1].GetProperty("details").EnumerateArray().Select(d => d.GetString())));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Lighten_trial_is_hidden_and_a_bad_spec_or_executor_is_one_line_with_nothing_written()
    {
        var dir = CliRunner.TempDir();
        Assert.DoesNotContain(" trial ", CliRunner.Run("--help").Out);
        CliRunner.AssertOneLineError(CliRunner.Run("trial", "--spec", Path.Combine(dir, "none.json"), "--index", "0"), "none.json", "trial spec file not found");
        CliRunner.AssertOneLineError(CliRunner.Run("trial", "--spec", Path.Combine(dir, "none.json")), "--index is required");

        var data = TinyImageFolder.Create(Path.Combine(dir, "data"));
        var pipeline = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(pipeline, Pipeline(data, "executor:\n  kind: local\n  partition: gpu"));
        CliRunner.AssertOneLineError(CliRunner.Run("run", pipeline, "--out-dir", Path.Combine(dir, "out")), "pipeline.yaml", "'executor.partition' applies to kind slurm only");
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        Directory.Delete(dir, true);
    }

    private static List<string> Artifacts(string folder) =>
        [.. Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Select(d => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(d, "model.onnx")))))];
}
