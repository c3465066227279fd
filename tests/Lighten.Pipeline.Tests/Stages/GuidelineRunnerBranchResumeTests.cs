using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Reports;
using Lighten.Training.Tests.Trainer;
using static Lighten.Pipeline.Tests.Stages.FakeMeasurer;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>
/// Resume with fake steps and scripted figures: after a finished run nothing runs again; after a run stopped between
/// stages or interrupted inside one, the journal's stages are restored, the interrupted one runs again, and the table
/// equals an uninterrupted run's.
/// </summary>
public class GuidelineRunnerBranchResumeTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const string Requirements = "max_accuracy_drop: 5\nmax_latency_ms: 55";

    private static IEnumerable<string> Rows(PipelineReport report) =>
        report.Stages.Select(s => $"{s.Id} | {s.Decision} | {s.Reason} | {s.Figures?.Accuracy} | {s.Artifact} | {s.Sha256} | {s.RequirementsFirstMet}");

    /// <summary>The rows (decisions, reasons, accuracy, artifacts' SHA-256) and final model equal those of the same pipeline run without interruption, in its own folder with its own steps.</summary>
    private void AssertSameAsUninterrupted(PipelineReport resumed, RunnerBench resumedBench)
    {
        using var bench = new RunnerBench(folder, Requirements);
        var report = bench.Run(new FakeMeasurer(Script()));
        Assert.Equal(Rows(report), Rows(resumed));
        Assert.Equal(FinalSha(bench), FinalSha(resumedBench));
    }

    private static string FinalSha(RunnerBench bench) => RunJournal.Sha256Of(Path.Combine(bench.Out(), GuidelineRunner.FinalModelFile));

    [Fact]
    public void Resuming_a_finished_run_restores_every_row_and_runs_or_measures_nothing_again()
    {
        using var bench = new RunnerBench(folder, Requirements);
        var measurer = new FakeMeasurer(Script());
        var report = bench.Run(measurer);
        var (calls, measured) = (bench.Calls, measurer.Measured.Count);

        var again = bench.Run(measurer, resume: true);

        Assert.Equal(Rows(report), Rows(again));
        Assert.Equal(report.Stages.Select(s => s.Seconds), again.Stages.Select(s => s.Seconds));
        Assert.Equal(calls, bench.Calls);
        Assert.Equal(measured, measurer.Measured.Count);
        Assert.Equal("G3", again.RequirementsMetAfter);
    }

    [Fact]
    public void A_run_stopped_between_stages_resumes_at_the_next_stage()
    {
        using var bench = new RunnerBench(folder, Requirements);
        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            bench.Run(new FakeMeasurer(Script()), observer: new CancelAtStage("G3", stop), cancellationToken: stop.Token));
        Assert.Equal(["baseline", "G1", "G2"], RunJournal.Load(bench.Out())!.Stages.Select(s => s.Id));
        Assert.Equal([1, 1, 0, 0, 0], bench.Calls);

        var measurer = new FakeMeasurer(Script());
        var resumed = bench.Run(measurer, resume: true);

        Assert.Equal([1, 1, 1, 0, 1], bench.Calls);
        Assert.Equal(["G3", "G5"], measurer.Measured);
        AssertSameAsUninterrupted(resumed, bench);
    }

    [Theory]
    [InlineData("step")]
    [InlineData("measurement")]
    public async Task A_run_interrupted_inside_a_stage_restores_the_stages_before_it_and_runs_that_stage_again(string where)
    {
        using var bench = new RunnerBench(folder, Requirements);
        using var entered = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();
        void Hang(CancellationToken token)
        {
            entered.Set();
            token.WaitHandle.WaitOne(TimeSpan.FromMinutes(10));
            token.ThrowIfCancellationRequested();
        }
        var g3 = bench.Steps["G3"];
        var write = g3.Body;
        if (where == "step")
            g3.Body = (c, artifact, token) =>
            {
                File.WriteAllText(artifact, "half of an ONNX file");
                Hang(token);
                return write(c, artifact, token);
            };
        var first = new FakeMeasurer(Script()) { OnMeasure = (id, token) => { if (id == "G3" && where == "measurement") Hang(token); } };

        var run = Task.Run(() => bench.Run(first, cancellationToken: stop.Token));
        // Generous: the first run of a test host may probe the native engine, on a machine shared with other builds.
        Assert.True(entered.Wait(TimeSpan.FromMinutes(10)), "the run never reached G3");
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(["baseline", "G1", "G2"], RunJournal.Load(bench.Out())!.Stages.Select(s => s.Id));
        Assert.Equal([1, 1, 1, 0, 0], bench.Calls);

        g3.Body = write;
        var second = new FakeMeasurer(Script());
        var resumed = bench.Run(second, resume: true);

        Assert.Equal([1, 1, 2, 0, 1], bench.Calls);
        Assert.Equal(["G3", "G5"], second.Measured);
        // The half-written artifact was replaced: the resumed table, artifacts and final model are an uninterrupted run's.
        AssertSameAsUninterrupted(resumed, bench);
    }
}
