using System.Globalization;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>
/// The console the commands write to, fitted to where stdout goes: a terminal gets its width (or <c>COLUMNS</c>); a pipe
/// or a file gets <c>COLUMNS</c> when set and otherwise no wrapping at all, so that a row stays one line and a node name
/// one copyable token. <c>NO_COLOR</c> (any non-empty value) removes every colour and style.
/// </summary>
public static class OutputConsole
{
    /// <summary>The width given to a console that is not a terminal and has no <c>COLUMNS</c>: wider than any row.</summary>
    public const int Unbounded = 4096;

    /// <summary>The console for the process's stdout, as the environment asks.</summary>
    public static IAnsiConsole Create() => Create(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable);

    /// <summary>A console writing to <paramref name="output"/>; <paramref name="redirected"/> says whether it is a pipe or a file.</summary>
    public static IAnsiConsole Create(TextWriter output, bool redirected, Func<string, string?> environment)
    {
        bool noColor = !string.IsNullOrEmpty(environment("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = noColor || redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor || redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (Columns(environment("COLUMNS")) is int columns) console.Profile.Width = columns;
        else if (redirected) console.Profile.Width = Unbounded;
        return console;
    }

    /// <summary>A positive <c>COLUMNS</c> value, or null.</summary>
    private static int? Columns(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;

    /// <summary>
    /// <paramref name="name"/> as a table cell: whole, unless the console is an interactive terminal, where a name longer
    /// than the <paramref name="width"/> left for it keeps its informative tail after an ellipsis.
    /// </summary>
    public static string FitName(IAnsiConsole console, string name, int width) =>
        !console.Profile.Capabilities.Interactive || name.Length <= width ? name : "…" + name[^(width - 1)..];
}
