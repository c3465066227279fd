namespace Lighten.Pipeline.Trials;

/// <summary>
/// The pipeline file's <c>executor:</c> section: where a step's trials run. <c>inprocess</c> (default) runs them one
/// after another in this process; <c>local</c> in up to <see cref="Parallel"/> child processes; <c>slurm</c> as a job
/// array on <see cref="Partition"/>, each task with <see cref="Cores"/>, <see cref="MemoryMb"/> and <see cref="TimeLimit"/>,
/// at most <see cref="ArrayParallelism"/> at once, writing under <see cref="SharedDir"/>.
/// </summary>
public sealed record ExecutorSettings
{
    /// <summary>The executor kinds a pipeline file may name.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["inprocess", "local", "slurm"];

    /// <summary>inprocess, local or slurm.</summary>
    public string Kind { get; init; } = "inprocess";

    /// <summary>local: child processes at once.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>slurm: the partition (null: the cluster's default).</summary>
    public string? Partition { get; init; }

    /// <summary>Cores of each trial (its pinned thread count unless the pipeline sets <c>threads</c>); null: the pipeline's threads, else this machine's physical cores.</summary>
    public int? Cores { get; init; }

    /// <summary>slurm: memory of each trial in MB (null: the partition's default).</summary>
    public int? MemoryMb { get; init; }

    /// <summary>slurm: wall-time limit of each trial (null: the partition's default).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>slurm: array tasks running at once (<c>--array=0-N%P</c>; null: no limit).</summary>
    public int? ArrayParallelism { get; init; }

    /// <summary>
    /// A time limit as Slurm spells one: minutes (<c>90</c>), <c>H:MM:SS</c>, or <c>D-H:MM:SS</c>; null when
    /// <paramref name="text"/> is none of these or not positive.
    /// </summary>
    public static TimeSpan? ParseTimeLimit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        TimeSpan? limit = null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, inv, out int minutes)) limit = TimeSpan.FromMinutes(minutes);
        else
        {
            int days = 0;
            var clock = text;
            int dash = text.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(text[..dash], System.Globalization.NumberStyles.None, inv, out days)) clock = text[(dash + 1)..];
            var parts = clock.Split(':');
            if (parts.Length == 3 && parts.All(p => p.Length > 0 && int.TryParse(p, System.Globalization.NumberStyles.None, inv, out _))
                && int.Parse(parts[1], inv) < 60 && int.Parse(parts[2], inv) < 60)
                limit = new TimeSpan(days, int.Parse(parts[0], inv), int.Parse(parts[1], inv), int.Parse(parts[2], inv));
        }
        return limit is { Ticks: > 0 } ? limit : null;
    }

    /// <summary>A time limit as Slurm's <c>--time</c> takes it: <c>D-HH:MM:SS</c>.</summary>
    public static string FormatTimeLimit(TimeSpan limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(int)limit.TotalDays}-{limit.Hours:00}:{limit.Minutes:00}:{limit.Seconds:00}");

    /// <summary>slurm: a folder every node sees, holding the spec files and trial folders (absolute; null: the run's folder, which must then be shared).</summary>
    public string? SharedDir { get; init; }
}
