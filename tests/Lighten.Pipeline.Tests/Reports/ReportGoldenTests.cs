using Lighten.Pipeline.Config;
using Lighten.Pipeline.Demo;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Tests.Reports;

/// <summary>
/// report.md, report.json and report.html of a hand-made run with every decision, a failed stage among them, figure
/// sources, the latency each decision compared, a folded detail list and the demo's preset line, against golden files in
/// Reports/Golden. After an intended format change, run with LIGHTEN_UPDATE_GOLDEN=1 to rewrite them, and review the diff.
/// </summary>
public class ReportGoldenTests
{
    private static readonly FigureSource CachedHost = new(FigureOrigin.Cached, "roofline of this machine's measured profile cached in host-2c-x86_64-box.yaml (this machine: ONNX Runtime CPU, 2 threads (measured 2026-11-30))");

    private static StageFigures Figures(double accuracy, double ms, long size, long macs, string precision = "fp32") =>
        new(accuracy, "top-1", 20, ms, ms * 1.2, ms * 0.9, size, macs, macs / 40, 2_000_000, ms * 3, precision) { TargetSource = CachedHost };

    private static IReadOnlyList<LayerMacs> Layers(int count, string prefix) =>
        [.. Enumerable.Range(0, count).Select(i => new LayerMacs($"/{prefix}/stage{i / 4}/block{i % 4}/conv{i}/Conv", i == count - 1 ? "ConvTranspose" : "Conv", 1_000_000L * (1 + i % 7)))];

    internal static PipelineReport Report()
    {
        var requirements = new Requirements { MaxAccuracyDrop = 2, MaxLatencyRatio = 0.5 };
        // The host latency requirement is judged side by side with the baseline (its ratio, not the two medians).
        var baseline = Figures(80, 10, 40_000_000, 1_200_000_000) with { BaselineRatio = 1 };
        var g3 = Figures(79.5, 4, 10_000_000, 1_200_000_000, "int8") with { BaselineRatio = 0.42 };
        var g5 = Figures(76, 3, 6_000_000, 700_000_000, "int8") with { BaselineRatio = 0.31 };
        StageRecord Measured(string id, string title, StageDecision decision, string reason, StageFigures f, int index) => new()
        {
            Id = id, Title = title, Decision = decision, Reason = reason, Figures = f, Seconds = 12 * index,
            Artifact = $"stages/{index:00}-{id}.onnx", Sha256 = new string((char)('a' + index), 64),
            Requirements = RequirementCheck.Judge(requirements, baseline, f), Details = [$"{id} detail"],
        };
        return new PipelineReport
        {
            Model = "resnet18",
            Task = "classify",
            Target = "host",
            Requirements = requirements,
            StopWhenMet = false,
            Stages =
            [
                Measured("baseline", "baseline", StageDecision.Kept, "the model as given", baseline, 0),
                new StageRecord { Id = "G1", Title = "backbone swap", Decision = StageDecision.Skipped, Reason = "not allowed by the pipeline (steps.g1.enabled: false)" },
                new StageRecord
                {
                    Id = "G2", Title = "factorize heavy convolutions", Decision = StageDecision.Failed, Seconds = 3,
                    Reason = "G2 failed: node 'layer1.0.conv1' (Conv): the bottleneck of 64 channels is wider than the layer's 32 input channels",
                    Details = ["layers selected by MAC share ≥ 10%: no ConvTranspose in the model"],
                },
                Measured("G3", "INT8 post-training quantization", StageDecision.Kept, "helps: host latency side by side 0.40x (rounds 0.38–0.42), median 10 → 4 ms", g3, 3) with
                {
                    RequirementsFirstMet = true,
                    DecisionLatency = new DecisionLatency(LatencyBasis.SideBySide, 10, 4, 0.4, 0.38, 0.42, 6),
                    LayerTimings = new LayerTimingSources(8, 30, 0, "int8-layer-timings-2c-x86_64-box.json", Reused: 4),
                    Details =
                    [
                        "40 of 42 layers in INT8 (Percentile calibration, 64 samples)",
                        new LayerTimingSources(8, 30, 0, "int8-layer-timings-2c-x86_64-box.json", Reused: 4).Describe(),
                        .. Enumerable.Range(1, 12).Select(i => $"layer{i}.conv: INT8 {i * 0.1:0.0} ms faster than FP32"),
                    ],
                },
                new StageRecord { Id = "G4", Title = "FP16 / mixed precision", Decision = StageDecision.Skipped, Reason = "not needed: G3 kept INT8 within its accuracy bound" },
                Measured("G5", "pruning", StageDecision.Rejected, "accuracy 76% breaks the requirement: accuracy drop 4 points ≤ 2 points: fails by 2 points (100%)", g5, 5) with
                {
                    DecisionLatency = new DecisionLatency(LatencyBasis.FastestRun, 3.6, 2.7),
                },
            ],
            RunBy = DemoPreset.Quick.Describe(),
            Guards =
            [
                new AccuracyGuard("mean-pose guesser", "no image read", 0.1021, GuardRule.AtMost, DemoGuards.GuesserAtMost),
                new AccuracyGuard("untrained pose_resnet50", "before any training", 0.0099, GuardRule.Below, DemoGuards.UntrainedBelow),
                new AccuracyGuard("tiny pose_mobilenet_v3_small", "the baseline's budget", 0.78, GuardRule.BelowBaselineBy, DemoGuards.TinyBelowBaselineBy),
            ],
            BaselineLayers = Layers(12, "backbone"),
            FinalLayers = Layers(45, "head"),
            FinalStage = "G3",
            FinalModel = "final.onnx",
            FinalRequirements = RequirementCheck.Judge(requirements, baseline, g3),
            RequirementsMetAfter = "G3",
        };
    }

    [Fact]
    public void Markdown_matches_its_golden_file() => Golden("failed-stage.md", MarkdownReport.Render(Report()));

    [Fact]
    public void Json_matches_its_golden_file() => Golden("failed-stage.json", JsonReport.Render(Report()));

    [Fact]
    public void Html_matches_its_golden_file() => Golden("failed-stage.html", HtmlReport.Render(Report()));

    [Fact]
    public void Html_draws_a_report_without_layers_or_requirements()
    {
        var bare = Report() with { BaselineLayers = [], FinalLayers = [], Requirements = new Requirements() };
        var html = HtmlReport.Render(bare);
        Assert.Contains("baseline: 0 costed layers", html);
        Assert.DoesNotContain("latency limit", html);
    }

    [Fact]
    public void Html_shows_the_failed_stage_and_its_reason()
    {
        var html = HtmlReport.Render(Report());
        Assert.Contains("<tr class='failed' title='G2 failed: node &#39;layer1.0.conv1&#39; (Conv): the bottleneck", html);
        Assert.Contains("<h3>G2 factorize heavy convolutions: failed</h3>", html);
        Assert.Contains("<p class='failed'>⚠ G2 failed: node &#39;layer1.0.conv1&#39; (Conv)", html);
    }

    [Fact]
    public void Html_is_self_contained_with_the_legend_and_every_artifact_hash()
    {
        var report = Report();
        var html = HtmlReport.Render(report);
        Assert.DoesNotMatch(@"\s(src|href)\s*=", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotMatch(@"url\((?!#)", html);
        foreach (var word in new[] { "kept", "rejected", "skipped", "failed" }) Assert.Contains($"<span class='{word}'>{word}</span>", html);
        Assert.Contains("How the figures were obtained", html);
        Assert.DoesNotContain("<?xml", html);
        foreach (var s in report.Stages.Where(s => s.Artifact is not null))
        {
            Assert.Contains(s.Sha256!, html);
            Assert.Contains(s.Artifact!, html);
        }
        // Two charts in one page never share an element id.
        var ids = System.Text.RegularExpressions.Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Every_report_says_how_the_figures_were_obtained_and_which_latency_decided()
    {
        var report = Report();
        var md = MarkdownReport.Render(report);
        Assert.Contains("peak memory (MB) — estimated: static activation liveness", md);
        Assert.Contains("target estimate (ms) — cached: roofline of this machine's measured profile cached in host-2c-x86_64-box.yaml", md);
        Assert.Contains("G3 per-layer INT8 timings — cached: 30 layer(s) read from int8-layer-timings-2c-x86_64-box.json", md);
        Assert.Contains("| ×0.40 (0.38–0.42) side by side |", md);
        Assert.Contains("decided on latency: fastest timed run on the host 3.6 → 2.7 ms", md);
        Assert.Contains("Run by lighten demo, preset quick (budget: within 15 minutes on 2 cores)", md);
        Assert.Contains("… and 6 more (report.json lists every one)", md);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(md, "MB = 10\\^6 bytes"));

        using var json = System.Text.Json.JsonDocument.Parse(JsonReport.Render(report));
        var g3 = json.RootElement.GetProperty("stages")[3];
        Assert.Equal("sideBySide", g3.GetProperty("decisionLatency").GetProperty("basis").GetString());
        Assert.Equal(30, g3.GetProperty("layerTimings").GetProperty("cached").GetInt32());
        Assert.Equal("cached", g3.GetProperty("targetEstimateSource").GetProperty("origin").GetString());
        Assert.Equal(14, g3.GetProperty("details").GetArrayLength());
        Assert.Contains(json.RootElement.GetProperty("figureSources").EnumerateArray(), e => e.GetProperty("origin").GetString() == "estimated");
    }

    private static void Golden(string name, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        var path = Path.Combine(SourceDirectory(), "Reports", "Golden", name);
        if (Environment.GetEnvironmentVariable("LIGHTEN_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"no golden file {path}: run with LIGHTEN_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lighten.slnx"))) return Path.Combine(dir.FullName, "tests", "Lighten.Pipeline.Tests");
        throw new DirectoryNotFoundException("Lighten.slnx");
    }
}
