namespace Lighten.Runtime;

/// <summary>What the machine offers to run inference on.</summary>
public static class CpuTopology
{
    private static readonly Lazy<int> Physical = new(CountPhysicalCores);

    /// <summary>
    /// Physical cores usable by this process: distinct (package, core) pairs of <c>/proc/cpuinfo</c>,
    /// capped by the logical processors the process may use; the logical count where that file is absent.
    /// </summary>
    public static int PhysicalCores => Physical.Value;

    private static int CountPhysicalCores()
    {
        int logical = Environment.ProcessorCount;
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return logical;
            var cores = new HashSet<(string, string)>();
            string package = "0";
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                int colon = line.IndexOf(':');
                if (colon < 0) continue;
                var key = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (key == "physical id") package = value;
                else if (key == "core id") cores.Add((package, value));
            }
            return cores.Count == 0 ? logical : Math.Clamp(cores.Count, 1, logical);
        }
        catch (IOException)
        {
            return logical;
        }
        catch (UnauthorizedAccessException)
        {
            return logical;
        }
    }
}
