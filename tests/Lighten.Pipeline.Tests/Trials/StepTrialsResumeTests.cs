using Lighten.Core.Targets;
using Lighten.Pipeline.Stages;
using Lighten.Pipeline.Tests.Stages;
using Lighten.Pipeline.Trials;
using Lighten.Runtime;
using Lighten.Training.Tests.Trainer;

namespace Lighten.Pipeline.Tests.Trials;

/// <summary>
/// A step's trials after a kill: those with a valid done marker are not run again, a job the journal saw running is
/// polled until it ends, and only the missing, failed and tampered ones are submitted again.
/// </summary>
public class StepTrialsResumeTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private static StageContext Context(RunnerBench bench)
    {
        var context = new StageContext(bench.Config, GuidelineRunner.LoadData(bench.Config), TargetCatalog.Get("rk3399-armcl"), new SessionOptionsSpec(),
            bench.Out(), new SilentObserver()) { PipelineText = bench.Text };
        return context;
    }

    private static List<TrialDraft> Drafts(RunnerBench bench) =>
        [.. Enumerable.Range(0, 5).Select(i => new TrialDraft(TrialKinds.Prune, $"t{i}",
            new Dictionary<string, string> { [TrialRunner.ModelInput] = bench.Config.Model.File! }, new Dictionary<string, string> { ["n"] = $"{i}" }))];

    [Fact]
    public void Only_missing_failed_and_tampered_trials_are_submitted_again_and_a_running_job_is_polled()
    {
        using var bench = new RunnerBench(folder, "max_accuracy_drop: 5");
        var context = Context(bench);
        var first = new StepTrials(new FakeTrialExecutor(), TrialCommand.Default, bench.Config.Executor);
        var specs = first.Specs(context, "G5", Drafts(bench), out _).Trials;
        // Before the kill: 0 done; 1 running as job 41; 2 failed; 3 never started; 4 done, then its artifact changed.
        FakeTrialExecutor.Complete(specs[0]);
        FakeTrialExecutor.Complete(specs[4]);
        File.AppendAllText(Path.Combine(specs[4].OutputDirectory, TrialRunner.ArtifactFile), "tampered");
        IReadOnlyList<TrialRecord> journal =
        [
            new(specs[0].Id, 0, "t0", "40", TrialStatus.Finished), new(specs[1].Id, 1, "t1", "41", TrialStatus.Running),
            new(specs[2].Id, 2, "t2", "42", TrialStatus.Failed, "exit code 1"),
        ];
        int polls = 0;
        var executor = new FakeTrialExecutor
        {
            // Job 41 runs through the first two polls, then has written its marker and been forgotten by the engine.
            Foreign = h =>
            {
                if (h.EngineJobId != "41") return TrialStatus.Unknown;
                if (++polls < 3) return TrialStatus.Running;
                FakeTrialExecutor.Complete(specs[1]);
                return TrialStatus.Unknown;
            },
        };
        var recorded = new List<IReadOnlyList<TrialRecord>>();
        var trials = new StepTrials(executor, TrialCommand.Default, bench.Config.Executor, step => step == "G5" ? journal : [], (_, r) => recorded.Add(r))
            { PollInterval = TimeSpan.FromMilliseconds(10) };

        var outcomes = trials.Run(context, "G5", Drafts(bench), CancellationToken.None);

        Assert.Equal([2, 3, 4], executor.Submitted);
        Assert.Equal(3, executor.Polled.Count(id => id == "41"));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure));
        Assert.Equal(["40", "41", "fake-1", "fake-2", "fake-3"], outcomes.Select(o => o.EngineJobId));
        Assert.All(recorded[^1], r => Assert.Equal(TrialStatus.Finished, r.State));
        Assert.Equal(specs.Select(s => s.Id), recorded[^1].Select(r => r.Id));
    }

    [Fact]
    public void A_failed_trial_is_reported_with_its_log_and_only_all_failing_fails_the_step()
    {
        using var bench = new RunnerBench(folder, "max_accuracy_drop: 5");
        var context = Context(bench);
        var some = new StepTrials(new FakeTrialExecutor { Succeeds = s => s.Index != 1 }, TrialCommand.Default, bench.Config.Executor);

        var outcomes = some.Run(context, "G5", Drafts(bench), CancellationToken.None);

        Assert.Equal("exit code 137; last lines of trial.log: epoch 1/1 | out of memory", outcomes[1].Failure);
        Assert.Equal(4, outcomes.Count(o => o.Succeeded));

        using var other = new RunnerBench(folder, "max_accuracy_drop: 5");
        var none = new StepTrials(new FakeTrialExecutor { Succeeds = _ => false }, TrialCommand.Default, other.Config.Executor);
        var error = Assert.Throws<TrialsFailedException>(() => none.Run(Context(other), "G5", Drafts(other), CancellationToken.None));
        Assert.StartsWith("every trial of G5 failed: t0: exit code 137; last lines of trial.log: epoch 1/1 | out of memory; t1:", error.Message);
    }
}
