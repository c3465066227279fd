using System.Text.Json;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;
using Lighten.TestSupport;
using Lighten.Training.Tests.Trainer;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>A step that throws on the model is recorded as failed, changes nothing, and the run goes on; a failed baseline stops the run with one line.</summary>
public class StepFailureTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const string G2Message = "the bottleneck does not fit layer conv1";

    private string Pipeline(string model) => RunnerBench.PipelineText(model, folder.Root, "max_accuracy_drop: 100");

    private (string Dir, string Text, PipelineConfig Config) Setup(Func<string, string>? model = null)
    {
        var dir = TestTemp.CreateSubdirectory("lighten-failure-").FullName;
        var path = Path.Combine(dir, "tiny.onnx");
        OnnxExporter.Save(TinyNet.Classifier(TinyImageFolder.Classes.Length, 32, seed: 1), path);
        var text = Pipeline(model?.Invoke(path) ?? path);
        return (dir, text, PipelineFile.Parse(text, dir));
    }

    [Fact]
    public void A_throwing_step_is_failed_with_its_message_the_run_goes_on_from_the_model_before_it_and_resume_restores_it()
    {
        var (dir, text, config) = Setup();
        var outDir = Path.Combine(dir, "run");
        var checkThrows = new FakeStep("G1", skip: () => throw new InvalidOperationException("cannot look\nat this graph"));
        var runThrows = new FakeStep("G2", run: (_, _) => throw new OptionException(G2Message));
        var copies = new FakeStep("G3", run: (c, artifact) => AtomicFile.WriteAllBytes(artifact, File.ReadAllBytes(c.CurrentPath)));
        var writesGarbage = new FakeStep("G5", run: (_, artifact) => File.WriteAllText(artifact, "not an ONNX model"));
        var registry = new StepRegistry().Add(checkThrows).Add(runThrows).Add(copies).Add(writesGarbage);

        var report = GuidelineRunner.Run(config, text, outDir, resume: false, registry: registry);

        var stage = report.Stages.ToDictionary(s => s.Id);
        Assert.Equal(StageDecision.Failed, stage["G1"].Decision);
        Assert.Equal("G1 failed: InvalidOperationException: cannot look at this graph", stage["G1"].Reason);
        Assert.Equal(StageDecision.Failed, stage["G2"].Decision);
        Assert.Equal($"G2 failed: {G2Message}", stage["G2"].Reason);
        Assert.Null(stage["G2"].Figures);
        Assert.Null(stage["G2"].Artifact);
        Assert.False(stage["G2"].Applied);
        // The artifact was written but ONNX cannot read it: failed too, not fatal.
        Assert.Equal(StageDecision.Failed, stage["G5"].Decision);
        Assert.StartsWith("G5 wrote stages/", stage["G5"].Reason);
        Assert.Contains("cannot be measured", stage["G5"].Reason);

        // G3 started from the baseline's artifact: the failed G1 and G2 changed nothing.
        var baseline = Path.Combine(outDir, report.Baseline.Artifact!);
        Assert.Equal(baseline, copies.StartedFrom);
        Assert.True(stage["G3"].Applied);
        Assert.NotEqual("G2", report.FinalStage);
        Assert.True(report.RequirementsMet, "a failed step does not change whether the final model meets the requirements (exit code 0)");
        Assert.Equal("baseline", report.RequirementsMetAfter);

        var md = File.ReadAllText(Path.Combine(outDir, ReportWriter.Markdown));
        Assert.Contains("| G2 fake G2 | failed |", md);
        Assert.Contains("### G2 fake G2: failed", md);
        Assert.Contains($"⚠ G2 failed: {G2Message}; the run went on from the model before it.", md);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, ReportWriter.JsonFile))))
        {
            var g2 = json.RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "G2");
            Assert.Equal("failed", g2.GetProperty("decision").GetString());
            Assert.Equal($"G2 failed: {G2Message}", g2.GetProperty("reason").GetString());
            Assert.Equal(["G1", "G2", "G5"], json.RootElement.GetProperty("failedStages").EnumerateArray().Select(e => e.GetString()));
            Assert.True(json.RootElement.GetProperty("requirementsMet").GetBoolean());
        }
        var html = File.ReadAllText(Path.Combine(outDir, ReportWriter.Html));
        Assert.Contains("<tr class='failed'", html);
        Assert.Contains($"G2 fake G2: failed</h3>\n<p>G2 failed: {G2Message}</p>", html);

        // Resumed, the journal restores the failed stages as failed: nothing runs again.
        var calls = (checkThrows.Calls, runThrows.Calls, copies.Calls, writesGarbage.Calls);
        var again = GuidelineRunner.Run(config, text, outDir, resume: true, registry: registry);
        Assert.Equal(calls, (checkThrows.Calls, runThrows.Calls, copies.Calls, writesGarbage.Calls));
        Assert.Equal(report.Stages.Select(s => (s.Id, s.Decision, s.Reason)), again.Stages.Select(s => (s.Id, s.Decision, s.Reason)));
        Assert.Equal(StageDecision.Failed, RunJournal.Load(outDir)!.Stages.Single(s => s.Id == "G2").Decision);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_library_error_in_a_step_names_the_pipeline_key_not_the_cli_flag()
    {
        var (dir, _, _) = Setup();
        var text = Pipeline(Path.Combine(dir, "tiny.onnx")) + "\nsteps:\n  g2:\n    layers: [nosuch]\n";
        var config = PipelineFile.Parse(text, dir);
        var registry = new[] { "G1", "G3", "G4", "G5" }.Aggregate(new StepRegistry(), (r, id) => r.Add(new FakeStep(id, skip: () => "not in this test")));

        var report = GuidelineRunner.Run(config, text, Path.Combine(dir, "run"), resume: false, registry: registry);

        var g2 = report.Stages.Single(s => s.Id == "G2");
        Assert.Equal(StageDecision.Failed, g2.Decision);
        Assert.StartsWith("G2 failed: steps.g2.layers 'nosuch' is neither a node of the model nor Conv or ConvTranspose", g2.Reason);
        Assert.DoesNotContain("--layers", g2.Reason);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Cancellation_is_not_a_failure()
    {
        var (dir, text, config) = Setup();
        var registry = new StepRegistry().Add(new FakeStep("G1", run: (_, _) => throw new OperationCanceledException()));
        Assert.Throws<OperationCanceledException>(() => GuidelineRunner.Run(config, text, Path.Combine(dir, "run"), resume: false, registry: registry));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_failed_baseline_stops_the_run_with_one_line()
    {
        var (dir, text, config) = Setup(path =>
        {
            File.WriteAllText(path, "not an ONNX model");
            return path;
        });
        var e = Assert.Throws<BaselineException>(() => GuidelineRunner.Run(config, text, Path.Combine(dir, "run"), resume: false));
        Assert.True(e.IsBadInput);
        Assert.StartsWith("the baseline failed, so there is nothing to continue from: ", e.Describe());
        Assert.Contains("tiny.onnx", e.Describe());
        Assert.DoesNotContain('\n', e.Describe());
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>A step that does what the test says: throw while checking, throw while running, or write an artifact.</summary>
    private sealed class FakeStep(string id, Func<string?>? skip = null, Action<StageContext, string>? run = null) : IGuidelineStep
    {
        public string Id => id;

        public string Title => "fake " + id;

        public int Calls { get; private set; }

        public string? StartedFrom { get; private set; }

        public string? SkipReason(StageContext context)
        {
            Calls++;
            return skip?.Invoke();
        }

        public StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken)
        {
            Calls++;
            StartedFrom = context.CurrentPath;
            run!(context, artifact);
            return new StepProduct(true, ["did what the test said"]);
        }
    }
}
