using Lighten.Cli.Rendering;
using Spectre.Console;
using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests.Contract;

/// <summary>The root help is the golden file's; output to a pipe never wraps; <c>COLUMNS</c> and <c>NO_COLOR</c> are honoured.</summary>
public class OutputContractTests
{
    private static string Normalize(string text) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())).Trim() + "\n";

    /// <summary>Set LIGHTEN_UPDATE_GOLDEN=1 to rewrite the golden file after a deliberate change to the root help.</summary>
    [Fact]
    public void Root_help_matches_the_golden_file()
    {
        var result = Run("--help");
        Assert.True(result.ExitCode == 0, result.Error);
        var golden = Path.Combine(RepoFiles.Tests, "Golden", "root-help.txt");
        if (Environment.GetEnvironmentVariable("LIGHTEN_UPDATE_GOLDEN") == "1") File.WriteAllText(golden, Normalize(result.Out));
        Assert.Equal(Normalize(File.ReadAllText(golden)), Normalize(result.Out));
    }

    private static (IAnsiConsole Console, StringWriter Text) Console(bool redirected, params (string Name, string Value)[] environment)
    {
        var text = new StringWriter();
        var console = OutputConsole.Create(text, redirected, name => environment.FirstOrDefault(e => e.Name == name).Value);
        return (console, text);
    }

    private static Table Wide()
    {
        var table = new Table().AddColumn("layer").AddColumn("description");
        table.AddRow("/features/features.18/features.18.0/Conv_with_a_very_long_name_" + new string('x', 80), new string('y', 120));
        return table;
    }

    [Fact]
    public void A_pipe_gets_every_row_on_one_line()
    {
        var (console, text) = Console(redirected: true);
        console.Write(Wide());
        Assert.Single(text.ToString().Split('\n'), l => l.Contains("Conv_with_a_very_long_name_" + new string('x', 80), StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b[", text.ToString());
    }

    [Fact]
    public void Columns_sets_the_width()
    {
        var (console, _) = Console(redirected: true, ("COLUMNS", "100"));
        Assert.Equal(100, console.Profile.Width);
    }

    [Fact]
    public void No_color_removes_every_style()
    {
        var (console, text) = Console(redirected: false, ("NO_COLOR", "1"));
        console.MarkupLine("[bold red]styled[/] [underline]text[/]");
        Assert.Equal("styled text", text.ToString().Trim());
    }

    [Fact]
    public void A_profile_in_a_pipe_keeps_whole_node_names()
    {
        var result = Run("profile", DataFile("mobilenet_v2_w035_c10_96.onnx"));
        Assert.Contains("/features/features.2/conv/conv.0/conv.0.0/Conv", result.Out);
        Assert.DoesNotContain("…", result.Out);
    }
}
