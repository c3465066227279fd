using Lighten.Pipeline.Config;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Tests.Reports;

/// <summary>
/// report.md and report.json of a hand-made run with every decision, a failed stage among them, against golden files in
/// Reports/Golden. After an intended format change, run with LIGHTEN_UPDATE_GOLDEN=1 to rewrite them, and review the diff.
/// </summary>
public class ReportGoldenTests
{
    private static StageFigures Figures(double accuracy, double ms, long size, long macs, string precision = "fp32") =>
        new(accuracy, "top-1", 20, ms, ms * 1.2, ms * 0.9, size, macs, macs / 40, 2_000_000, ms * 3, precision);

    private static PipelineReport Report()
    {
        var requirements = new Requirements { MaxAccuracyDrop = 2, MaxLatencyRatio = 0.5 };
        var baseline = Figures(80, 10, 40_000_000, 1_200_000_000);
        var g3 = Figures(79.5, 4, 10_000_000, 1_200_000_000, "int8");
        var g5 = Figures(76, 3, 6_000_000, 700_000_000, "int8");
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
                Measured("G3", "INT8 post-training quantization", StageDecision.Kept, "helps: host fastest-run latency 9 → 3.6 ms (−60%)", g3, 3) with { RequirementsFirstMet = true },
                new StageRecord { Id = "G4", Title = "FP16 / mixed precision", Decision = StageDecision.Skipped, Reason = "not needed: G3 kept INT8 within its accuracy bound" },
                Measured("G5", "pruning", StageDecision.Rejected, "accuracy 76% breaks the requirement: accuracy drop 4 points ≤ 2 points: fails by 2 points (100%)", g5, 5),
            ],
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
    public void Html_shows_the_failed_stage_and_its_reason()
    {
        var html = HtmlReport.Render(Report());
        Assert.Contains("<tr class='failed' title='G2 failed: node &#39;layer1.0.conv1&#39; (Conv): the bottleneck", html);
        Assert.Contains("<h3>G2 factorize heavy convolutions: failed</h3>", html);
        Assert.Contains("<p class='failed'>⚠ G2 failed: node &#39;layer1.0.conv1&#39; (Conv)", html);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<circle ").Count);
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
