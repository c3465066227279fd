namespace Lighten.Pipeline.Trials;

/// <summary>A trial's <c>trial.log</c>: what it printed, stdout and stderr; a failure shows its last lines.</summary>
public static class TrialLog
{
    /// <summary>The log's file name in the trial's folder.</summary>
    public const string FileName = "trial.log";

    /// <summary>Lines of the log a failure shows.</summary>
    public const int TailLines = 8;

    /// <summary>The last <paramref name="lines"/> non-empty lines of the log in <paramref name="directory"/> (none when it has no log).</summary>
    public static IReadOnlyList<string> Tail(string directory, int lines = TailLines)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return [];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
            return all.Skip(Math.Max(0, all.Count - lines)).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
