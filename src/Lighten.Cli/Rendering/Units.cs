using System.Globalization;

namespace Lighten.Cli.Rendering;

/// <summary>Human-readable counts and sizes.</summary>
public static class Units
{
    /// <summary>A count with a K/M/G suffix (1000-based).</summary>
    public static string Count(long n) => Scale(n, 1000, ["", "K", "M", "G", "T"]);

    /// <summary>A size in bytes with a KiB/MiB/GiB suffix (1024-based).</summary>
    public static string Bytes(long n) => Scale(n, 1024, [" B", " KiB", " MiB", " GiB", " TiB"]);

    private static string Scale(long n, double step, string[] units)
    {
        double v = n;
        int u = 0;
        while (Math.Abs(v) >= step && u < units.Length - 1) { v /= step; u++; }
        return u == 0 ? $"{n}{units[0]}" : v.ToString("0.##", CultureInfo.InvariantCulture) + units[u];
    }
}
