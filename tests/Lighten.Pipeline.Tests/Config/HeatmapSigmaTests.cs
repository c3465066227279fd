using Lighten.Data.Synthetic;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Demo;
using Lighten.TestSupport;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Tests.Config;

public class HeatmapSigmaTests
{
    private static string WithSigma(string value) =>
        PipelineFileTests.Minimal.Replace("  dir: data\n", $"  dir: data\n  heatmap_sigma: {value}\n");

    [Fact]
    public void A_pose_pipeline_reads_its_heatmap_sigma_and_defaults_to_two()
    {
        Assert.Equal(2f, PipelineFile.Parse(PipelineFileTests.Minimal, "/base").Data.HeatmapSigma);
        Assert.Equal(4f, PipelineFile.Parse(WithSigma("4"), "/base").Data.HeatmapSigma);
        Assert.Equal(1.5f, PipelineFile.Parse(WithSigma("1.5"), "/base").Data.HeatmapSigma);
    }

    [Fact]
    public void A_sigma_out_of_range_or_on_a_classifier_names_its_line_and_key()
    {
        var zero = Assert.Throws<PipelineConfigException>(() => PipelineFile.Parse(WithSigma("0"), "/base", "p.yaml"));
        Assert.StartsWith("line 6: 'data.heatmap_sigma' must lie in [0.25, 32], got 0", zero.Message);
        var classify = PipelineFileTests.Minimal.Replace("pose_resnet50", "resnet18").Replace("task: pose", "task: classify")
            .Replace("  dir: data\n", "  dir: data\n  heatmap_sigma: 3\n");
        var e = Assert.Throws<PipelineConfigException>(() => PipelineFile.Parse(classify, "/base", "p.yaml"));
        Assert.StartsWith("line 6: 'data.heatmap_sigma' is the width of the pose task's target heatmaps; this pipeline's task is 'classify'", e.Message);
    }

    [Fact]
    public void The_demo_writes_each_presets_sigma_and_the_paper_preset_scales_it_with_its_heatmaps()
    {
        foreach (var name in DemoPreset.Names)
        {
            var preset = DemoPreset.Get(name);
            var config = PipelineFile.Parse(DemoRun.PipelineText(preset), "/base");
            Assert.Equal(preset.HeatmapSigma, config.Data.HeatmapSigma);
            Assert.Contains($"heatmap sigma {preset.HeatmapSigma}", preset.Describe());
        }
        // Sigma relative to the heatmap's side: standard's 2 on 32×32 is what paper keeps on 64×64.
        Assert.Equal(DemoPreset.Standard.HeatmapSigma / (DemoPreset.Standard.Size / 4), DemoPreset.Paper.HeatmapSigma / (DemoPreset.Paper.Size / 4));
        Assert.Equal(2f, DemoPreset.Quick.HeatmapSigma);
    }

    [Fact]
    public void The_pipelines_training_data_carries_the_sigma()
    {
        var root = TestTemp.CreateSubdirectory("lighten-sigma-").FullName;
        SyntheticPose.Generate(Path.Combine(root, "data", "train"), 2, 64, 1);
        SyntheticPose.Generate(Path.Combine(root, "data", "val"), 2, 64, 2);
        var data = (PoseData)GuidelineRunner.LoadData(PipelineFile.Parse(WithSigma("3"), root));
        Assert.Equal(3f, data.Sigma);
        Assert.Equal(2f, ((PoseData)GuidelineRunner.LoadData(PipelineFile.Parse(PipelineFileTests.Minimal, root))).Sigma);
    }
}
