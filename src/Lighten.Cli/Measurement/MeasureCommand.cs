using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Lighten.Core;
using Lighten.Core.Targets;

namespace Lighten.Cli.Measurement;

/// <summary>
/// Measures a model on a real board with a user's command (<c>--measure-cmd "TEMPLATE {model}"</c>): the template's
/// <c>{model}</c> becomes the model file's path (quoted for the shell) and <c>{precision}</c> its precision
/// (<c>fp32</c>, <c>fp16</c>, <c>int8</c>); the command runs in the shell and prints the milliseconds per image on
/// its last line (<c>12.5</c>, <c>12.5 ms</c> or <c>latency: 12.5 ms</c>).
/// </summary>
public static partial class MeasureCommand
{
    /// <summary>The placeholder of the model's path.</summary>
    public const string ModelPlaceholder = "{model}";

    /// <summary>The placeholder of the precision.</summary>
    public const string PrecisionPlaceholder = "{precision}";

    /// <summary>How long a command may run by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs the command for <paramref name="modelPath"/> and returns the milliseconds it printed.</summary>
    /// <exception cref="OptionException">The template lacks <c>{model}</c>, or the command fails, times out or does not end with a number of milliseconds.</exception>
    public static double Run(string template, string modelPath, Precision precision, TimeSpan? timeout = null)
    {
        var command = Expand(template, modelPath, precision);
        var (exitCode, stdout, stderr) = Execute(command, timeout ?? DefaultTimeout);
        if (exitCode != 0)
        {
            var reason = LastLine(stderr) ?? LastLine(stdout);
            throw new OptionException($"--measure-cmd: `{command}` exited with code {exitCode}{(reason is null ? "" : $": {reason}")}");
        }
        return ParseMilliseconds(stdout, command);
    }

    /// <summary>The command line for one model: the placeholders replaced.</summary>
    /// <exception cref="OptionException">The template has no <c>{model}</c>.</exception>
    public static string Expand(string template, string modelPath, Precision precision)
    {
        if (!template.Contains(ModelPlaceholder, StringComparison.Ordinal))
            throw new OptionException($"--measure-cmd must contain {ModelPlaceholder} where the model file goes, e.g. \"./bench {ModelPlaceholder}\"");
        return template.Replace(ModelPlaceholder, Quote(modelPath), StringComparison.Ordinal)
            .Replace(PrecisionPlaceholder, precision.Key(), StringComparison.Ordinal);
    }

    /// <summary>The milliseconds on the last non-blank line of <paramref name="output"/>.</summary>
    /// <exception cref="OptionException">That line is not one positive number of milliseconds.</exception>
    public static double ParseMilliseconds(string output, string command)
    {
        var last = LastLine(output)
            ?? throw new OptionException($"--measure-cmd: `{command}` printed nothing; it must print the milliseconds per image on its last line");
        var match = MillisecondsLine().Match(last);
        if (!match.Success || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            || !double.IsFinite(ms) || ms <= 0)
        {
            throw new OptionException($"--measure-cmd: the last line of `{command}`, '{Shorten(last)}', is not a number of milliseconds (expected e.g. '12.5', '12.5 ms' or 'latency: 12.5 ms')");
        }
        return ms;
    }

    // An optional label ending in ':' or '=', one number, an optional millisecond unit, nothing else.
    [GeneratedRegex(@"^(?:[A-Za-z_][\w .()/-]*[:=]\s*)?(?<value>\+?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(?:ms|msec|milliseconds?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MillisecondsLine();

    private static (int ExitCode, string Stdout, string Stderr) Execute(string command, TimeSpan timeout)
    {
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new OptionException($"--measure-cmd: cannot start a shell for `{command}`: {e.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new OptionException($"--measure-cmd: `{command}` did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit(); // drains the asynchronous readers
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static string Quote(string path) => OperatingSystem.IsWindows()
        ? $"\"{path}\""
        : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static string? LastLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
