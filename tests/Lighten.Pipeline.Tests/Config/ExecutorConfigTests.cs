using Lighten.Pipeline.Config;

namespace Lighten.Pipeline.Tests.Config;

/// <summary>The <c>executor:</c> section and G5's <c>ratios:</c>: values read, and every bad one an error naming its line and key.</summary>
public class ExecutorConfigTests
{
    // PipelineFileTests' minimal pipeline; what a test adds starts at line 8.
    private const string Minimal = PipelineFileTests.Minimal + "\n";

    private static PipelineConfig Parse(string extra) => PipelineFile.Parse(Minimal + extra, "/base");

    [Fact]
    public void Without_a_section_trials_run_in_process_and_g5_tries_one_ratio()
    {
        var config = Parse("");
        Assert.Equal("inprocess", config.Executor.Kind);
        Assert.Equal(1, config.Executor.Parallel);
        Assert.Equal([0.3], config.Steps.G5!.Ratios);
        Assert.Equal([0.4], Parse("steps:\n  g5:\n    ratio: 0.4\n").Steps.G5!.Ratios);
        Assert.Equal("/base", config.BaseDirectory);
    }

    [Fact]
    public void Local_and_slurm_settings_are_read()
    {
        var local = Parse("executor:\n  kind: local\n  parallel: 3\n  cores: 2\n").Executor;
        Assert.Equal(("local", 3, 2), (local.Kind, local.Parallel, local.Cores));
        var slurm = Parse("executor:\n  kind: slurm\n  partition: gpu\n  cores: 4\n  memory_mb: 8000\n  time_limit: 1-02:03:04\n  array_parallelism: 5\n  shared_dir: shared\n").Executor;
        Assert.Equal(("slurm", "gpu", 4, 8000, 5), (slurm.Kind, slurm.Partition, slurm.Cores, slurm.MemoryMb, slurm.ArrayParallelism));
        Assert.Equal(new TimeSpan(1, 2, 3, 4), slurm.TimeLimit);
        Assert.Equal("/base/shared", slurm.SharedDir);
        Assert.Equal(TimeSpan.FromMinutes(90), Parse("executor:\n  kind: slurm\n  time_limit: 90\n").Executor.TimeLimit);
        Assert.Equal("1-02:03:04", Lighten.Pipeline.Trials.ExecutorSettings.FormatTimeLimit(slurm.TimeLimit!.Value));
        Assert.Equal([0.5, 0.2], Parse("steps:\n  g5:\n    ratios: [0.5, 0.2]\n").Steps.G5!.Ratios);
    }

    [Theory]
    [InlineData("executor:\n  kind: cloud\n", "line 9", "'executor.kind' is 'cloud'; allowed values: inprocess, local, slurm")]
    [InlineData("executor:\n  kind: local\n  parallel: 0\n", "line 10", "'executor.parallel' must lie in [1, 256]")]
    [InlineData("executor:\n  kind: local\n  partition: gpu\n", "line 10", "'executor.partition' applies to kind slurm only (the kind is local)")]
    [InlineData("executor:\n  parallel: 2\n", "line 9", "'executor.parallel' applies to kind local only (the kind is inprocess")]
    [InlineData("executor:\n  kind: slurm\n  time_limit: soon\n", "line 10", "'executor.time_limit' is 'soon'; give minutes")]
    [InlineData("executor:\n  kind: slurm\n  memory_mb: lots\n", "line 10", "'executor.memory_mb' must be a whole number")]
    [InlineData("executor:\n  kind: slurm\n  array_parallelism: -1\n", "line 10", "'executor.array_parallelism' must lie in [1, 100000]")]
    [InlineData("executor:\n  threads: 2\n", "line 9", "unknown key 'threads' in 'executor'")]
    [InlineData("steps:\n  g5:\n    ratios: [0.2, 1.5]\n", "line 10", "'steps.g5.ratios' must list numbers in [0.01, 0.95], got 1.5")]
    [InlineData("steps:\n  g5:\n    ratios: [0.2, half]\n", "line 10", "'steps.g5.ratios' must list numbers, got 'half'")]
    [InlineData("steps:\n  g5:\n    ratios: []\n", "line 10", "'steps.g5.ratios' lists no ratio")]
    [InlineData("steps:\n  g5:\n    ratios: [0.2, 0.2]\n", "line 10", "'steps.g5.ratios' lists a ratio twice")]
    [InlineData("steps:\n  g5:\n    ratio: 0.2\n    ratios: [0.3]\n", "line 11", "either 'steps.g5.ratio' (one ratio) or 'steps.g5.ratios'")]
    public void A_bad_value_names_its_line_and_key(string extra, string line, string message)
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineFile.Parse(Minimal + extra, "/base", "pipeline.yaml"));
        Assert.Equal("pipeline.yaml", error.File);
        Assert.StartsWith(line + ": ", error.Message);
        Assert.Contains(message, error.Message);
    }
}
