using Lighten.Pipeline.Config;

namespace Lighten.Pipeline.Tests.Config;

public class PipelineFileTests
{
    internal const string Minimal = """
        model:
          zoo: pose_resnet50
        task: pose
        data:
          dir: data
          preprocess:
            size: 96x96
        """;

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lighten.slnx"))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }

    [Fact]
    public void The_commented_example_in_the_repository_parses_with_its_values()
    {
        var path = RepositoryFile("examples/pipeline.yaml");
        var config = PipelineFile.Load(path);
        var folder = Path.GetDirectoryName(path)!;
        Assert.Equal(Path.GetFullPath("../model.onnx", folder), config.Model.File);
        Assert.Null(config.Model.Zoo);
        Assert.Equal("pose", config.Task);
        Assert.Equal(Path.GetFullPath("../data", folder), config.Data.Directory);
        Assert.Equal(128, config.Data.Preprocess.Width);
        Assert.Equal(5, config.Requirements.MaxAccuracyDrop);
        Assert.Equal(0.3333, config.Requirements.MaxLatencyRatio);
        Assert.Equal(["mobilenet_v2", "shufflenet_v2_x1_0"], config.Steps.G1!.Candidates);
        Assert.Equal(64, config.Steps.G2!.Bottleneck);
        Assert.Equal("channel", config.Steps.G5!.Mode);
        Assert.True(config.StopWhenMet);
    }

    [Fact]
    public void Defaults_fill_what_a_minimal_pipeline_leaves_out()
    {
        var config = PipelineFile.Parse(Minimal, "/base");
        Assert.Equal("/base/data", config.Data.Directory);
        Assert.Equal("/base/data/train", config.Data.Calibration);
        Assert.Equal("host", config.Target);
        Assert.True(config.StopWhenMet);
        Assert.NotNull(config.Steps.G3);
        Assert.Null(config.Requirements.MaxLatencyMs);
        // G1 tries every lightweight zoo backbone unless the file names some, also when its section sets something else.
        Assert.Equal(Lighten.Core.Zoo.ModelZoo.GraftCandidates, config.Steps.G1!.Candidates);
        Assert.Equal(Lighten.Core.Zoo.ModelZoo.GraftCandidates, PipelineFile.Parse(Minimal + "\nsteps:\n  g1:\n    epochs: 2\n", "/base").Steps.G1!.Candidates);
    }

    [Theory]
    [InlineData("colour: red\n", "line 8: unknown key 'colour' in the pipeline (allowed: model, task, data")]
    [InlineData("requirements:\n  max_latency: 3\n", "line 9: unknown key 'max_latency' in 'requirements' (allowed: min_accuracy, max_accuracy_drop, max_latency_ms")]
    [InlineData("steps:\n  g5:\n    mode: sideways\n", "line 10: 'steps.g5.mode' is 'sideways'; allowed values: channel, magnitude")]
    [InlineData("requirements:\n  latency_on: moon\n", "line 9: 'requirements.latency_on' is 'moon'; allowed values: host, target")]
    [InlineData("requirements:\n  max_accuracy_drop: lots\n", "line 9: 'requirements.max_accuracy_drop' must be a number, got 'lots'")]
    [InlineData("fine_tune:\n  epochs: 0\n", "line 9: 'fine_tune.epochs' must lie in [1, 1000], got 0")]
    [InlineData("stop_when_met: maybe\n", "line 8: 'stop_when_met' is 'maybe'; allowed values: true, false, yes, no")]
    public void A_wrong_key_or_value_names_its_line_and_the_allowed_values(string extra, string expected)
    {
        var e = Assert.Throws<PipelineConfigException>(() => PipelineFile.Parse(Minimal + "\n" + extra, "/base", "p.yaml"));
        Assert.StartsWith(expected, e.Message);
        Assert.Equal("p.yaml", e.File);
    }

    [Fact]
    public void Malformed_yaml_names_the_line()
    {
        var e = Assert.Throws<PipelineConfigException>(() => PipelineFile.Parse("model:\n  zoo: pose_resnet50\n bad: [x\ntask: pose\n", "/base"));
        Assert.Matches("^line [23]: malformed YAML", e.Message);
    }

    [Fact]
    public void A_missing_section_or_an_unknown_zoo_model_says_what_is_expected()
    {
        var noData = Assert.Throws<PipelineConfigException>(() => PipelineFile.Parse("model:\n  zoo: resnet18\ntask: classify\n", "/base"));
        Assert.Contains("missing key 'data'", noData.Message);
        var zoo = Assert.Throws<PipelineConfigException>(() => PipelineFile.Parse(Minimal.Replace("pose_resnet50", "pose_resnet51"), "/base"));
        Assert.Contains("line 2: 'model.zoo' is 'pose_resnet51'; allowed values: ", zoo.Message);
        Assert.Contains("pose_resnet50", zoo.Message);
        var both = Assert.Throws<PipelineConfigException>(() => PipelineFile.Parse(Minimal.Replace("  zoo: pose_resnet50", "  zoo: pose_resnet50\n  file: m.onnx"), "/base"));
        Assert.Contains("either 'file'", both.Message);
    }

    [Fact]
    public void A_step_can_be_forbidden()
    {
        var config = PipelineFile.Parse(Minimal + "\nsteps:\n  g3:\n    enabled: false\n", "/base");
        Assert.Null(config.Steps.G3);
        Assert.NotNull(config.Steps.G2);
    }
}
