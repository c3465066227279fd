using Lighten.Cli;
using Spectre.Console;

namespace Lighten.Cli.Tests;

/// <summary>Runs the lighten command in-process and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        int code = LightenApp.Run(args, console, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lighten-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Asserts exit code 2 and one error line, without a stack trace, that mentions each of <paramref name="mentions"/>.</summary>
    public static void AssertOneLineError(Result result, params string[] mentions)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("lighten: error:", lines[0]);
        Assert.DoesNotContain("   at ", result.Error);
        foreach (var m in mentions) Assert.Contains(m, lines[0]);
    }
}
