using System.Text.Json;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Data;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;
using Lighten.TestSupport;
using Lighten.Training.Tests.Trainer;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>The whole guideline on a tiny classifier: every stage measured, unmeetable requirements reported with their shortfall, resume exact.</summary>
public class GuidelineRunnerTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private string Pipeline(string model, string target = "host", string data = "") => $"""
        model:
          file: {model}
        task: classify
        data:
          dir: {(data.Length > 0 ? data : folder.Root)}
          calibration: {Path.Combine(folder.Root, "train")}
          calibration_count: 8
          preprocess:
            size: 32x32
        target: {target}
        requirements:
          max_accuracy_drop: 100
          max_latency_ratio: 0.01
        steps:
          g1:
            enabled: false
          g2:
            layers: []
            threshold: 0.05
            depthwise_separable: true
          g3:
            max_drop: 100
            measure_layers: false
        fine_tune:
          epochs: 1
          batch: 8
          workers: 1
          lr: 0.005
        seed: 3
        benchmark_runs: 5
        threads: 1
        """;

    private (string Dir, string Text, PipelineConfig Config) Setup()
    {
        var dir = TestTemp.CreateSubdirectory("lighten-pipeline-").FullName;
        var model = Path.Combine(dir, "tiny.onnx");
        OnnxExporter.Save(TinyNet.Classifier(TinyImageFolder.Classes.Length, 32, seed: 1), model);
        var text = Pipeline(model);
        return (dir, text, PipelineFile.Parse(text, dir));
    }

    [Fact]
    public void Unmeetable_requirements_show_every_stage_and_the_shortfall_and_resume_restores_the_same_table()
    {
        var (dir, text, config) = Setup();
        var outDir = Path.Combine(dir, "run");
        var report = GuidelineRunner.Run(config, text, outDir, resume: false);

        Assert.Equal(["baseline", "G1", "G2", "G3", "G4", "G5"], report.Stages.Select(s => s.Id));
        Assert.Equal(StageDecision.Kept, report.Stages[0].Decision);
        Assert.Equal("not allowed by the pipeline (steps.g1.enabled: false)", report.Stages[1].Reason);
        foreach (var s in report.Stages.Where(s => s.Applied))
        {
            Assert.NotNull(s.Figures);
            Assert.True(File.Exists(Path.Combine(outDir, s.Artifact!)));
            Assert.Equal(RunJournal.Sha256Of(Path.Combine(outDir, s.Artifact!)), s.Sha256);
            Assert.True(s.Figures!.MedianMs > 0 && s.Figures.InitMs > 0 && s.Figures.Macs > 0 && s.Figures.SizeBytes > 0);
        }
        Assert.Equal("fp32", report.Stages[0].Figures!.Precision);
        Assert.Equal("int8", report.Stages.Single(s => s.Id == "G3").Figures!.Precision);
        // INT8 weights count as parameters (scales and zero points do not): about the FP32 model's count (BatchNorm folded).
        var quantized = report.Stages.Take(3).Last(s => s.Decision == StageDecision.Kept).Figures!.Params;
        Assert.InRange(report.Stages.Single(s => s.Id == "G3").Figures!.Params, quantized / 2, quantized);
        Assert.Contains("depthwise", string.Join(" ", report.Stages.Single(s => s.Id == "G2").Details), StringComparison.OrdinalIgnoreCase);

        Assert.False(report.RequirementsMet);
        Assert.Null(report.RequirementsMetAfter);
        var latency = report.FinalRequirements.Single(r => r.Name.StartsWith("latency", StringComparison.Ordinal));
        Assert.False(latency.Met);
        Assert.True(latency.Shortfall > 0);
        Assert.Contains("fails by", latency.Describe());
        Assert.True(report.FinalRequirements.Single(r => r.Name == "accuracy drop").Met);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, ReportWriter.JsonFile)));
        Assert.Equal(6, json.RootElement.GetProperty("stages").GetArrayLength());
        Assert.False(json.RootElement.GetProperty("requirementsMet").GetBoolean());
        var md = File.ReadAllText(Path.Combine(outDir, ReportWriter.Markdown));
        Assert.Contains("| G3 INT8 post-training quantization |", md);
        Assert.Contains("fails by", md);
        var html = File.ReadAllText(Path.Combine(outDir, ReportWriter.Html));
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link", html);
        // Each report says how its figures were obtained and which latency each decision compared (side by side on the host).
        Assert.Contains("## How the figures were obtained", md);
        Assert.All(report.Stages.Where(s => s.Applied), s => Assert.NotNull(s.Figures!.TargetSource));
        // G4 times FP16 against FP32 itself: rejected by that timing, the runner compares no latency of its own.
        foreach (var s in report.Stages.Skip(1).Where(s => s.Applied))
        {
            if (s.Reason.StartsWith("FP16 is not faster on this host", StringComparison.Ordinal)) Assert.Null(s.DecisionLatency);
            else Assert.Equal(LatencyBasis.SideBySide, s.DecisionLatency!.Basis);
        }
        Assert.True(File.Exists(Path.Combine(outDir, GuidelineRunner.FinalModelFile)));

        // Resuming a finished run restores every stage from the journal: the same table, nothing re-run.
        var again = GuidelineRunner.Run(config, text, outDir, resume: true);
        Assert.Equal(Rows(report), Rows(again));
        Assert.Equal(report.Stages.Select(s => s.Seconds), again.Stages.Select(s => s.Seconds));

        // A changed artifact fails its SHA-256: the run goes again from that stage, and the seeded steps give the same accuracy.
        var g2 = report.Stages.Single(s => s.Id == "G2");
        File.WriteAllText(Path.Combine(outDir, g2.Artifact!), "tampered");
        var redone = GuidelineRunner.Run(config, text, outDir, resume: true);
        Assert.Equal(report.Stages.Select(s => s.Figures?.Accuracy), redone.Stages.Select(s => s.Figures?.Accuracy));
        Assert.Equal(report.Stages.Select(s => s.Sha256 is null), redone.Stages.Select(s => s.Sha256 is null));
        Assert.Equal(g2.Sha256, redone.Stages.Single(s => s.Id == "G2").Sha256);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_journal_of_another_pipeline_is_refused_on_resume()
    {
        var (dir, text, config) = Setup();
        var outDir = Path.Combine(dir, "run");
        Directory.CreateDirectory(outDir);
        new RunJournal { PipelineHash = "other" }.Save(outDir);
        var e = Assert.Throws<OptionException>(() => GuidelineRunner.Run(config, text, outDir, resume: true));
        Assert.Contains("different pipeline", e.Message);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void An_unknown_target_or_a_missing_dataset_is_bad_input()
    {
        var (dir, _, _) = Setup();
        var model = Path.Combine(dir, "tiny.onnx");
        var target = PipelineFile.Parse(Pipeline(model, target: "toaster"), dir);
        Assert.Contains("unknown target 'toaster'", Assert.Throws<OptionException>(() => GuidelineRunner.Run(target, "t", Path.Combine(dir, "a"), false)).Message);
        var data = PipelineFile.Parse(Pipeline(model, data: Path.Combine(dir, "nowhere")), dir);
        Assert.True(Assert.Throws<DataException>(() => GuidelineRunner.Run(data, "d", Path.Combine(dir, "b"), false)).IsBadInput);
        Directory.Delete(dir, recursive: true);
    }

    private static IEnumerable<string> Rows(PipelineReport r) => r.Stages.Select(s => string.Join("|", ReportFormat.Cells(s)) + s.Reason);
}
