using Lighten.Cli.Measurement;
using Lighten.Core;
using Lighten.Core.Targets;

namespace Lighten.Cli.Tests;

public class MeasureCommandTests
{
    [Theory]
    [InlineData("12.5", 12.5)]
    [InlineData("12.5 ms", 12.5)]
    [InlineData("12.5ms", 12.5)]
    [InlineData("latency: 12.5 ms", 12.5)]
    [InlineData("avg = 3", 3)]
    [InlineData("warming up\nrun 1 done\n 7.25 \n\n", 7.25)]
    [InlineData("1e2 milliseconds", 100)]
    [InlineData(".5", 0.5)]
    public void The_last_line_gives_the_milliseconds(string output, double expected) =>
        Assert.Equal(expected, MeasureCommand.ParseMilliseconds(output, "bench"));

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    [InlineData("fast")]
    [InlineData("12.5 s")]
    [InlineData("min 1 max 2")]
    [InlineData("12.5 ms\ndone")]
    [InlineData("-3")]
    [InlineData("0")]
    [InlineData("NaN")]
    public void Anything_else_is_one_clear_error(string output)
    {
        var e = Assert.Throws<OptionException>(() => MeasureCommand.ParseMilliseconds(output, "bench m.onnx"));
        Assert.StartsWith("--measure-cmd:", e.Message);
        Assert.Contains("bench m.onnx", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_template_needs_the_model_placeholder()
    {
        var e = Assert.Throws<OptionException>(() => MeasureCommand.Expand("bench", "m.onnx", Precision.Fp32));
        Assert.Contains("{model}", e.Message);
    }

    [Fact]
    public void Placeholders_are_replaced_and_the_path_is_quoted()
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal("bench 'my dir/it'\\''s.onnx' --precision int8",
            MeasureCommand.Expand("bench {model} --precision {precision}", "my dir/it's.onnx", Precision.Int8));
    }

    [Fact]
    public void A_command_runs_in_the_shell_with_the_model_path()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Path.Combine(Path.GetTempPath(), $"lighten measure {Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var model = Path.Combine(dir, "it's a model.onnx");
        File.WriteAllText(model, "");
        try
        {
            Assert.Equal(4.5, MeasureCommand.Run("test -f {model} && echo preparing && echo '4.5 ms'", model, Precision.Fp32));
            Assert.Equal(16, MeasureCommand.Run("echo {precision} {model} >/dev/null; echo 16", model, Precision.Fp16));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_failing_command_reports_its_exit_code_and_last_error_line()
    {
        if (OperatingSystem.IsWindows()) return;
        var e = Assert.Throws<OptionException>(() => MeasureCommand.Run("echo no board >&2; exit 3 # {model}", "m.onnx", Precision.Fp32));
        Assert.Contains("exited with code 3", e.Message);
        Assert.Contains("no board", e.Message);
    }

    [Fact]
    public void A_command_that_runs_too_long_is_stopped()
    {
        if (OperatingSystem.IsWindows()) return;
        var e = Assert.Throws<OptionException>(() => MeasureCommand.Run("sleep 5 # {model}", "m.onnx", Precision.Fp32, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("did not finish", e.Message);
    }
}
