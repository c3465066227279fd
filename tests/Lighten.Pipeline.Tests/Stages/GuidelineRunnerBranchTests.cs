using Lighten.Core;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;
using Lighten.Training.Tests.Trainer;
using static Lighten.Pipeline.Tests.Stages.FakeMeasurer;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>
/// The runner's branches with scripted figures and fake steps (no training, no timing): Figure 9's order, the early G5,
/// when G4 runs, stop_when_met and the ◆ marker, the skipped/rejected/failed words, and the side-by-side latency.
/// </summary>
public class GuidelineRunnerBranchTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const string Unmeetable = "max_accuracy_drop: 5\nmax_latency_ms: 1";

    private static string[] Ids(PipelineReport report) => [.. report.Stages.Select(s => s.Id)];

    private static StageRecord Row(PipelineReport report, string id) => report.Stages.Single(s => s.Id == id);

    [Fact]
    public void Figure_9_order_runs_each_step_once_and_G4_is_skipped_when_G3_kept_INT8()
    {
        using var bench = new RunnerBench(folder, Unmeetable);
        var measurer = new FakeMeasurer(Script());

        var report = bench.Run(measurer);

        Assert.Equal(["baseline", "G1", "G2", "G3", "G4", "G5"], Ids(report));
        Assert.Equal([StageDecision.Kept, StageDecision.Kept, StageDecision.Kept, StageDecision.Kept, StageDecision.Skipped, StageDecision.Kept],
            report.Stages.Select(s => s.Decision));
        Assert.StartsWith("not needed: G3 kept INT8 within its accuracy bound", Row(report, "G4").Reason);
        Assert.Equal(["baseline", "G1", "G2", "G3", "G5"], measurer.Measured);
        Assert.Equal([1, 1, 1, 0, 1], bench.Calls);
        // G5 starts from the INT8 model and prunes the last FP32 one (G2's).
        Assert.EndsWith("03-G3.onnx", bench.Steps["G5"].StartedFrom);
        Assert.EndsWith("02-G2.onnx", bench.Steps["G5"].StartedFromFp32);
        Assert.Equal("G5", report.FinalStage);
        Assert.False(report.RequirementsMet);
        Assert.Null(report.RequirementsMetAfter);
        Assert.DoesNotContain(report.Stages, s => s.RequirementsFirstMet);
    }

    [Theory]
    [InlineData(7, new[] { "baseline", "G1", "G2", "G5", "G3", "G4" })]
    [InlineData(4, new[] { "baseline", "G1", "G2", "G3", "G4", "G5" })]
    public void G5_runs_before_G3_only_when_memory_binds_after_G2_and_never_twice(double memoryAfterG2, string[] order)
    {
        // No latency requirement: a slower step is not rejected for it, so G3 is kept after the early G5 as after G2.
        using var bench = new RunnerBench(folder, "max_accuracy_drop: 5\nmax_memory_mb: 5");
        var script = Script();
        script["G2"] = Fig(64, memoryMB: memoryAfterG2);
        script["G5"] = Fig(60, sizeMB: 8, memoryMB: 3);
        script["G3"] = Fig(50, sizeMB: 2.5, memoryMB: 3, precision: "int8");
        var measurer = new FakeMeasurer(script);

        var report = bench.Run(measurer);

        Assert.Equal(order, Ids(report));
        Assert.Equal(1, bench.Steps["G5"].Runs);
        Assert.Single(measurer.Measured, "G5");
        Assert.Equal(order.Where(id => id != "G4"), measurer.Measured);
        Assert.Equal(StageDecision.Kept, Row(report, "G3").Decision);
        if (memoryAfterG2 > 5)
        {
            Assert.Equal(StageDecision.Kept, Row(report, "G5").Decision);
            Assert.Contains("peak memory 7 → 3 MB", Row(report, "G5").Reason);
            Assert.EndsWith("03-G5.onnx", bench.Steps["G3"].StartedFrom);
        }
    }

    public static TheoryData<string, string, StageDecision, string> G4Cases => new()
    {
        { "g3 kept", "host", StageDecision.Kept, "helps: " },
        { "g3 loses accuracy", "host", StageDecision.Rejected, "breaks a requirement the model before it met: accuracy drop" },
        { "g3 over max_drop", "host", StageDecision.Rejected, "INT8 loses 3 points, more than steps.g3.max_drop 1" },
        { "no int8", "jetson-nano", StageDecision.Skipped, "target 'jetson-nano' has no INT8" },
    };

    [Theory]
    [MemberData(nameof(G4Cases))]
    public void G4_runs_only_when_G3_is_not_kept(string g3, string target, StageDecision g3Decision, string g3Reason)
    {
        using var bench = new RunnerBench(folder, Unmeetable, target: target);
        var script = Script();
        if (g3 == "g3 loses accuracy") script["G3"] = Fig(50, accuracy: 80, sizeMB: 2.5, precision: "int8");
        if (g3 == "g3 over max_drop")
            bench.Steps["G3"].Body = (c, a, _) => ScriptedStep.Tweak(c, a, "G3") with { RejectReason = "INT8 loses 3 points, more than steps.g3.max_drop 1" };
        var measurer = new FakeMeasurer(script);

        // The target without INT8 is G3's own check: the real step says why it skips.
        var report = bench.Run(measurer, registry: g3 == "no int8" ? bench.Registry(new QuantizeStep()) : null);

        Assert.Equal(["baseline", "G1", "G2", "G3", "G4", "G5"], Ids(report));
        Assert.Equal(g3Decision, Row(report, "G3").Decision);
        Assert.Contains(g3Reason, Row(report, "G3").Reason);
        var g4 = Row(report, "G4");
        if (g3Decision == StageDecision.Kept)
        {
            Assert.Equal(StageDecision.Skipped, g4.Decision);
            Assert.Equal(0, bench.Steps["G4"].Runs);
            return;
        }
        Assert.Equal(StageDecision.Kept, g4.Decision);
        Assert.Equal(1, bench.Steps["G4"].Runs);
        // G4 converts the last kept model (G2's): the rejected INT8 artifact is never a starting point.
        Assert.EndsWith("02-G2.onnx", bench.Steps["G4"].StartedFrom);
        // A product over its own bound is measured and shown, never timed against the model before it.
        Assert.Equal(g3 == "g3 loses accuracy", measurer.Duels.Contains("G3"));
        Assert.Equal(g3Decision == StageDecision.Rejected, measurer.Measured.Contains("G3"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Stop_when_met_skips_the_later_stages_or_runs_them_with_the_marker_on_the_first_stage_that_met(bool stopWhenMet)
    {
        using var bench = new RunnerBench(folder, "max_accuracy_drop: 5\nmax_latency_ms: 70", stopWhenMet);
        var measurer = new FakeMeasurer(Script());

        var report = bench.Run(measurer);

        Assert.Equal(["baseline", "G1", "G2", "G3", "G4", "G5"], Ids(report));
        Assert.Equal("G2", report.RequirementsMetAfter);
        Assert.Equal("G2", Assert.Single(report.Stages, s => s.RequirementsFirstMet).Id);
        Assert.True(report.RequirementsMet);
        var md = bench.Markdown();
        Assert.Contains("| G2 fake G2 | kept ◆ |", md);
        Assert.Single(md.Split('\n'), line => line.Contains("◆ |", StringComparison.Ordinal));
        if (stopWhenMet)
        {
            foreach (var id in new[] { "G3", "G4", "G5" })
            {
                Assert.Equal(StageDecision.Skipped, Row(report, id).Decision);
                Assert.Equal("requirements met after G2: the run stops there (stop_when_met)", Row(report, id).Reason);
            }
            Assert.Equal(["baseline", "G1", "G2"], measurer.Measured);
            Assert.Equal([1, 1, 0, 0, 0], bench.Calls);
            Assert.Equal("G2", report.FinalStage);
            Assert.Contains("Every requirement held after G2; the run stopped there (stop_when_met).", md);
        }
        else
        {
            Assert.Equal([StageDecision.Kept, StageDecision.Skipped, StageDecision.Kept], new[] { "G3", "G4", "G5" }.Select(id => Row(report, id).Decision));
            Assert.Equal([1, 1, 1, 0, 1], bench.Calls);
            Assert.Equal("G5", report.FinalStage);
            Assert.Contains("Every requirement held after G2 (◆): a run with stop_when_met would have stopped there", md);
        }
    }

    [Fact]
    public void Skipped_rejected_and_failed_stages_carry_their_word_and_reason_into_the_records_and_report()
    {
        using var bench = new RunnerBench(folder, Unmeetable);
        var s = bench.Steps;
        s["G1"].Body = (_, _, _) => StepProduct.NotApplied("no candidate backbone fits this head");
        s["G2"].Body = (c, a, _) => ScriptedStep.Tweak(c, a, "G2", g => g with
        {
            Nodes = [.. g.Nodes.Select(n => n.OpType == "Relu" ? n with { Domain = "com.example" } : n)],
            Opsets = [.. g.Opsets, new OpsetImport("com.example", 1)],
        });
        var script = Script();
        script["G3"] = Fig(100, precision: "int8");
        s["G4"].Body = (_, _, _) => throw new InvalidOperationException("fp16 conversion\nexploded");
        s["G5"].Body = (c, a, _) => ScriptedStep.Tweak(c, a, "G5") with { RejectReason = "INT8 loses 3 points, more than steps.g3.max_drop 1" };
        var measurer = new FakeMeasurer(script);

        var report = bench.Run(measurer);

        var expected = new (string Id, StageDecision Decision, string Reason)[]
        {
            ("G1", StageDecision.Skipped, "no candidate backbone fits this head"),
            ("G2", StageDecision.Skipped, "target 'host' cannot run Relu"),
            ("G3", StageDecision.Rejected, "does not help: host fastest-run latency 100 → 100 ms, size 10 → 10 MB (needs a 5% gain)"),
            ("G4", StageDecision.Failed, "G4 failed: InvalidOperationException: fp16 conversion exploded"),
            ("G5", StageDecision.Rejected, "INT8 loses 3 points, more than steps.g3.max_drop 1"),
        };
        Assert.Equal(expected, report.Stages.Skip(1).Select(r => (r.Id, r.Decision, r.Reason)));
        Assert.Equal(["baseline", "G3", "G5"], measurer.Measured);
        Assert.Equal("baseline", report.FinalStage);
        var md = bench.Markdown();
        foreach (var (id, decision, reason) in expected)
        {
            string word = decision.ToString().ToLowerInvariant();
            Assert.Contains($"| {id} fake {id} | {word} |", md);
            Assert.Contains($"### {id} fake {id}: {word}\n\n{reason}\n", md.ReplaceLineEndings("\n"));
        }
        Assert.Contains("⚠ G4 failed: InvalidOperationException: fp16 conversion exploded; the run went on from the model before it.", md);
    }

    public static TheoryData<double[]?, StageDecision, string> Duels => new()
    {
        { [0.97, 1.0, 1.03], StageDecision.Rejected, "does not help: host latency side by side 1.00x (rounds 0.97–1.03), median 100 → 100 ms (within noise)" },
        { [0.70, 0.72, 0.75], StageDecision.Kept, "helps: host latency side by side 0.72x (rounds 0.70–0.75), median 100 → 72 ms" },
        { [1.20, 1.25, 1.30], StageDecision.Rejected, "slower: host latency side by side 1.25x (rounds 1.20–1.30), median 100 → 125 ms, though nothing else improved" },
        { null, StageDecision.Kept, "helps: host fastest-run latency 100 → 80 ms (−20%)" },
    };

    [Theory]
    [MemberData(nameof(Duels))]
    public void On_the_host_the_side_by_side_timing_decides_and_without_one_the_fastest_runs_do(double[]? rounds, StageDecision decision, string reason)
    {
        using var bench = new RunnerBench(folder, Unmeetable);
        foreach (var id in new[] { "G2", "G3", "G4", "G5" }) bench.Steps[id].Skip = _ => "not in this test";
        // The fastest runs alone would keep G1 (100 → 80 ms); the duel overrides them.
        var measurer = new FakeMeasurer(Script()) { Duel = _ => rounds is null ? null : Rounds(rounds) };

        var g1 = Row(bench.Run(measurer), "G1");

        Assert.Equal(decision, g1.Decision);
        Assert.StartsWith(reason, g1.Reason);
        Assert.Equal(["G1"], measurer.Duels);
    }

    [Fact]
    public void With_latency_judged_on_the_target_nothing_is_timed_side_by_side()
    {
        using var bench = new RunnerBench(folder, Unmeetable + "\nlatency_on: target");
        var measurer = new FakeMeasurer(Script()) { Duel = _ => throw new InvalidOperationException("no duel on the target") };

        var report = bench.Run(measurer);

        Assert.Empty(measurer.Duels);
        Assert.StartsWith("helps: target latency 100 → 80 ms (−20%)", Row(report, "G1").Reason);
        Assert.Equal("G5", report.FinalStage);
    }

    [Fact]
    public void A_host_latency_ratio_is_judged_side_by_side_with_the_baseline_not_on_the_two_medians()
    {
        using var bench = new RunnerBench(folder, "max_latency_ratio: 0.5");
        // Medians alone: G2 (64 of 100 ms) fails the ratio and G3 (50 ms) meets it. Timed beside the baseline, G2 is at
        // 0.45 (met, ◆) and G3 at 0.52: G3 breaks the requirement G2 met and is rejected, so G4 runs.
        var againstBaseline = new Dictionary<string, double> { ["G2"] = 0.45, ["G3"] = 0.52, ["G4"] = 0.40, ["G5"] = 0.35 };
        var measurer = new FakeMeasurer(Script())
        {
            Duel = _ => Rounds(0.78, 0.8, 0.82),
            AgainstBaseline = id => Rounds(againstBaseline[id] - 0.01, againstBaseline[id], againstBaseline[id] + 0.01),
        };

        var report = bench.Run(measurer);

        Assert.Equal([StageDecision.Kept, StageDecision.Kept, StageDecision.Kept, StageDecision.Rejected, StageDecision.Kept, StageDecision.Kept],
            report.Stages.Select(s => s.Decision));
        Assert.Equal("G2", report.RequirementsMetAfter);
        Assert.Equal(["G2", "G3", "G4", "G5"], measurer.BaselineDuels);
        Assert.Equal([1, 0.8, 0.45, 0.52, 0.40, 0.35], report.Stages.Select(s => s.Figures!.BaselineRatio!.Value));
        Assert.Equal("latency (host, side by side with the baseline) 0.45 × baseline ≤ 0.5 × baseline: met", Row(report, "G2").Requirements.Single().Describe());
        Assert.Equal("breaks a requirement the model before it met: latency (host, side by side with the baseline) 0.52 × baseline ≤ 0.5 × baseline: fails by 0.02 × baseline (4%)",
            Row(report, "G3").Reason);
        Assert.Contains("latency requirement (× baseline) — measured", bench.Markdown());
    }
}
