namespace Lighten.Cli.Tests;

/// <summary>Every verb's <c>--help</c> renders (no markup in a description may break it), and <c>--version</c> says what runs.</summary>
public class HelpTests
{
    [Theory]
    [InlineData("profile")]
    [InlineData("optimize")]
    [InlineData("check")]
    [InlineData("factorize")]
    [InlineData("quantize")]
    [InlineData("fp16")]
    [InlineData("prune")]
    [InlineData("swap-backbone")]
    [InlineData("train")]
    [InlineData("finetune")]
    [InlineData("eval")]
    [InlineData("bench")]
    [InlineData("run")]
    [InlineData("demo")]
    [InlineData("doctor")]
    [InlineData("targets")]
    [InlineData("zoo", "list")]
    [InlineData("zoo", "export")]
    [InlineData("data", "synth-pose")]
    public void Help_renders(params string[] verb)
    {
        var result = CliRunner.Run([.. verb, "--help"]);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', verb)} --help: exit {result.ExitCode}: {result.Error}");
        Assert.Contains("USAGE:", result.Out);
        Assert.DoesNotContain("error", result.Error);
    }

    [Fact]
    public void Version_names_lighten_its_commit_and_the_engines()
    {
        var result = CliRunner.Run("--version");
        Assert.True(result.ExitCode == 0, result.Error);
        var text = result.Out.ReplaceLineEndings(" ");
        Assert.StartsWith("lighten ", text);
        Assert.Contains("ONNX Runtime", text);
        Assert.Contains("TorchSharp", text);
    }
}
