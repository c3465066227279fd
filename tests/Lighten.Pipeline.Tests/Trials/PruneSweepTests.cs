using Lighten.Pipeline.Config;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;
using Lighten.Pipeline.Tests.Stages;
using Lighten.Pipeline.Trials;
using Lighten.Training.Tests.Trainer;
using static Lighten.Pipeline.Tests.Stages.FakeMeasurer;

namespace Lighten.Pipeline.Tests.Trials;

/// <summary>
/// G5's ratio sweep with scripted trials and figures: the most aggressive ratio whose model meets the requirements is
/// kept; when none does, the least aggressive is judged as a single ratio; every ratio is listed; the journal records the trials.
/// </summary>
public class PruneSweepTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private static Dictionary<string, StageFigures> Figures(double accuracy5, double accuracy3, double accuracy2)
    {
        var figures = Script();
        figures["G5/ratio_0.5"] = Fig(30, accuracy: accuracy5, sizeMB: 1);
        figures["G5/ratio_0.3"] = Fig(35, accuracy: accuracy3, sizeMB: 1.5);
        figures["G5/ratio_0.2"] = Fig(38, accuracy: accuracy2, sizeMB: 1.8);
        figures["G5"] = Fig(35, accuracy: 85, sizeMB: 1.5);
        return figures;
    }

    private static (PipelineReport Report, string Out) Run(RunnerBench bench, FakeMeasurer measurer, FakeTrialExecutor executor)
    {
        var text = bench.Text + "\nsteps:\n  g5:\n    ratios: [0.2, 0.5, 0.3]\n";
        var config = PipelineFile.Parse(text, bench.Dir);
        Assert.Equal([0.2, 0.5, 0.3], config.Steps.G5!.Ratios);
        var report = GuidelineRunner.Run(config, text, bench.Out(), resume: false, registry: bench.Registry(new PruneStep()), measurer: measurer, executor: executor);
        return (report, bench.Out());
    }

    private static string TrialArtifactSha(string output, string label) =>
        RunJournal.Sha256Of(Path.Combine(Directory.GetDirectories(Path.Combine(output, "work", "trials", "G5")).Single(d => d.Contains($"-{label}-")), TrialRunner.ArtifactFile));

    [Fact]
    public void The_most_aggressive_ratio_meeting_the_requirements_is_kept_and_every_ratio_is_listed()
    {
        using var bench = new RunnerBench(folder, "min_accuracy: 80");
        var executor = new FakeTrialExecutor();
        var (report, output) = Run(bench, new FakeMeasurer(Figures(accuracy5: 70, accuracy3: 85, accuracy2: 88)), executor);

        var g5 = report.Stages.Single(s => s.Id == "G5");
        Assert.Equal(StageDecision.Kept, g5.Decision);
        Assert.Equal("kept ratio 0.3: the most aggressive of 3 ratios whose model meets the requirements", g5.Details[0]);
        Assert.StartsWith("ratio 0.5: top-1 70%, 1 MB, 30 ms (fastest 30 ms), 1M MACs: does not meet them (rejected: breaks a requirement", g5.Details[1]);
        Assert.StartsWith("ratio 0.3: top-1 85%, 1.5 MB, 35 ms", g5.Details[2]);
        Assert.EndsWith(": meets the requirements", g5.Details[2]);
        Assert.EndsWith(": meets the requirements", g5.Details[3]);
        Assert.Equal(TrialArtifactSha(output, "ratio_0.3"), g5.Sha256);
        Assert.Equal([0, 1, 2], executor.Submitted);

        var journal = RunJournal.Load(output)!;
        Assert.Equal(["ratio 0.2", "ratio 0.5", "ratio 0.3"], journal.Trials!["G5"].Select(t => t.Label));
        Assert.All(journal.Trials["G5"], t => Assert.Equal(TrialStatus.Finished, t.State));
        Assert.Equal(["fake-1", "fake-2", "fake-3"], journal.Trials["G5"].Select(t => t.EngineJobId));
    }

    [Fact]
    public void When_no_ratio_meets_the_requirements_the_least_aggressive_is_judged_as_a_single_ratio()
    {
        using var bench = new RunnerBench(folder, "min_accuracy: 80");
        var figures = Figures(accuracy5: 60, accuracy3: 70, accuracy2: 75);
        figures["G5"] = Fig(38, accuracy: 75, sizeMB: 1.8);
        var (report, output) = Run(bench, new FakeMeasurer(figures), new FakeTrialExecutor());

        var g5 = report.Stages.Single(s => s.Id == "G5");
        Assert.Equal("no ratio's model meets the requirements: ratio 0.2, the least aggressive, is judged as a single ratio", g5.Details[0]);
        Assert.Equal(TrialArtifactSha(output, "ratio_0.2"), g5.Sha256);
        Assert.Equal(StageDecision.Rejected, g5.Decision);
    }

    [Fact]
    public void A_failed_ratio_is_listed_with_its_log_and_every_ratio_failing_fails_the_step()
    {
        using var bench = new RunnerBench(folder, "min_accuracy: 80");
        var (report, _) = Run(bench, new FakeMeasurer(Figures(70, 85, 88)), new FakeTrialExecutor { Succeeds = s => s.Label != "ratio 0.3" });
        var g5 = report.Stages.Single(s => s.Id == "G5");
        Assert.Equal("kept ratio 0.2: the most aggressive of 2 ratios whose model meets the requirements", g5.Details[0]);
        Assert.Contains("ratio 0.3: failed, exit code 137; last lines of trial.log: epoch 1/1 | out of memory", g5.Details);

        using var other = new RunnerBench(folder, "min_accuracy: 80");
        var (failed, _) = Run(other, new FakeMeasurer(Figures(70, 85, 88)), new FakeTrialExecutor { Succeeds = _ => false });
        var stage = failed.Stages.Single(s => s.Id == "G5");
        Assert.Equal(StageDecision.Failed, stage.Decision);
        Assert.Contains("every trial of G5 failed: ratio 0.2: exit code 137; last lines of trial.log: epoch 1/1 | out of memory", stage.Reason);
    }

    [Fact]
    public void A_journal_written_before_trials_loads_without_them()
    {
        using var bench = new RunnerBench(folder, "min_accuracy: 80");
        Directory.CreateDirectory(bench.Out());
        File.WriteAllText(Path.Combine(bench.Out(), RunJournal.FileName), """{ "version": 1, "pipelineHash": "abc", "stages": [] }""");
        var journal = RunJournal.Load(bench.Out())!;
        Assert.Null(journal.Trials);
        Assert.Equal("abc", journal.PipelineHash);
    }
}
