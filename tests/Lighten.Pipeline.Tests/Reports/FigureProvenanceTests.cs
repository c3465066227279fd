using System.Text.Json;
using Lighten.Core.Targets;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Demo;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Stages;
using Lighten.Runtime;
using Lighten.TestSupport;

namespace Lighten.Pipeline.Tests.Reports;

/// <summary>Where figures come from (measured, estimated, cached), the latency a decision compared, and that journals keep both.</summary>
public class FigureProvenanceTests
{
    private static StageFigures Figures(double ms, double? targetMs) => new(80, "top-1", 20, ms * 1.1, ms * 1.3, ms, 1_000_000, 1_000_000, 1000, 1000, targetMs, "fp32");

    [Fact]
    public void The_target_estimate_says_whether_the_host_profile_is_cached_or_the_defaults_or_another_profile()
    {
        var defaults = FigureSource.TargetEstimate(TargetCatalog.DefaultHost);
        Assert.Equal(FigureOrigin.Estimated, defaults.Origin);
        Assert.Contains("built-in conservative host defaults", defaults.How);

        var dir = TestTemp.CreateSubdirectory("lighten-provenance-").FullName;
        try
        {
            var path = HostProfileCache.Save(TargetCatalog.DefaultHost with { Description = "this machine (measured 2026-11-30)" }, dir);
            var cached = FigureSource.TargetEstimate(TargetCatalog.Host(dir));
            Assert.Equal(FigureOrigin.Cached, cached.Origin);
            Assert.Contains($"cached in {Path.GetFileName(path)}", cached.How);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        var board = FigureSource.TargetEstimate(TargetCatalog.Get("rk3399-armcl"));
        Assert.Equal(new FigureSource(FigureOrigin.Estimated, "roofline of the built-in profile 'rk3399-armcl'"), board);
    }

    [Fact]
    public void The_decision_figure_is_the_duel_on_the_host_else_the_fastest_runs_else_the_target_estimates()
    {
        var host = new Requirements { MaxLatencyRatio = 0.5 };
        var duel = new LatencyDuel([0.6, 0.62, 0.66, 0.58], 10, 6.2);
        var sideBySide = StepJudge.Figure(host, Figures(9, 30), Figures(5, 12), duel);
        Assert.Equal(new DecisionLatency(LatencyBasis.SideBySide, 10, 6.2, duel.Ratio, 0.58, 0.66, 4), sideBySide);
        Assert.Equal("×0.61 (0.58–0.66) side by side", sideBySide.Short());
        Assert.Equal("side by side on the host: candidate/current 0.61 (rounds 0.58–0.66) over 4 rounds, median 10 → 6.2 ms", sideBySide.Describe());

        Assert.Equal("9 → 5 ms fastest run", StepJudge.Figure(host, Figures(9, 30), Figures(5, 12)).Short());
        var target = new Requirements { MaxLatencyMs = 20, LatencyOn = LatencySource.Target };
        Assert.Equal("30 → n/a ms target estimate", StepJudge.Figure(target, Figures(9, 30), Figures(5, null), duel).Short());
    }

    [Fact]
    public void Layer_timings_count_what_was_measured_now_and_what_came_from_the_cache()
    {
        Assert.Equal("per-layer INT8 timings: 12 measured now, 30 from the cache int8-layer-timings-m.json",
            new LayerTimingSources(12, 30, 0, "int8-layer-timings-m.json").Describe());
        Assert.Equal("per-layer INT8 timings: 42 from the cache int8-layer-timings-m.json", new LayerTimingSources(0, 42, 0, "int8-layer-timings-m.json").Describe());
        Assert.Equal("per-layer INT8 timings: 7 estimated from the target profile (not measured)", new LayerTimingSources(0, 0, 7, null).Describe());
        Assert.Equal("per-layer INT8 timings: 32 measured now (reused for 30 identical layers)",
            new LayerTimingSources(32, 0, 0, "int8-layer-timings-m.json", Reused: 30).Describe());
    }

    [Fact]
    public void A_journal_keeps_the_sources_and_the_decision_figure_and_an_older_journal_still_loads()
    {
        var record = new StageRecord
        {
            Id = "G3", Title = "INT8 post-training quantization", Decision = StageDecision.Kept, Reason = "helps",
            Figures = Figures(5, 12) with { TargetSource = new FigureSource(FigureOrigin.Cached, "host-m.yaml") },
            LayerTimings = new LayerTimingSources(1, 2, 0, "int8-layer-timings-m.json", Reused: 1),
            DecisionLatency = new DecisionLatency(LatencyBasis.SideBySide, 10, 6, 0.6, 0.58, 0.62, 6),
        };
        var journal = new RunJournal { PipelineHash = "h", Stages = [record] };
        var back = JsonSerializer.Deserialize<RunJournal>(JsonSerializer.Serialize(journal, RunJournal.Json), RunJournal.Json)!.Stages[0];
        Assert.Equal(record.Figures, back.Figures);
        Assert.Equal(record.LayerTimings, back.LayerTimings);
        Assert.Equal(record.DecisionLatency, back.DecisionLatency);

        const string older = """
            {"version":1,"pipelineHash":"h","stages":[{"id":"baseline","title":"baseline","decision":"kept","reason":"the model as given",
             "figures":{"accuracy":80,"metric":"top-1","initMs":20,"medianMs":10,"p90Ms":12,"minMs":9,"sizeBytes":1000,"macs":1000,"params":10,
             "peakMemoryBytes":1000,"targetMs":30,"precision":"fp32"},"details":[],"requirements":[],"seconds":1}]}
            """;
        var old = JsonSerializer.Deserialize<RunJournal>(older, RunJournal.Json)!.Stages[0];
        Assert.Null(old.Figures!.TargetSource);
        Assert.Null(old.DecisionLatency);
        Assert.Null(old.LayerTimings);
    }

    [Fact]
    public void The_demo_names_its_preset_and_budget()
    {
        var line = DemoPreset.Smoke.Describe();
        Assert.StartsWith("lighten demo, preset smoke (budget: a few minutes on 2 cores): 64 training and 32 validation synthetic images of 128×128 for a 64×64 input", line);
        Assert.All(DemoPreset.Names.Select(DemoPreset.Get), p => Assert.False(string.IsNullOrEmpty(p.Budget)));
    }
}
