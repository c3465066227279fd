using Lighten.Cli;
using Lighten.TestSupport;
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

    /// <summary>The JSON a successful command printed (asserts exit code 0, showing stderr otherwise).</summary>
    public static System.Text.Json.JsonElement Json(Result result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        return json.RootElement.Clone();
    }

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    /// <summary>A new empty folder, deleted with the test process's others when it exits (<see cref="TestTemp"/>).</summary>
    public static string TempDir() => TestTemp.CreateSubdirectory("cli-").FullName;

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
