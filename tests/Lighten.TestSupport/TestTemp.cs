using System.Diagnostics;

namespace Lighten.TestSupport;

/// <summary>
/// Temporary folders of a test process, all under one root (<c>TMP/lighten-tests/PID</c>) that is deleted when the
/// process exits, so that repeated test runs do not fill the disk (the CLI tests alone write gigabytes). Roots left by
/// a process that died without exiting normally are removed the next time a test process starts using this class.
/// </summary>
public static class TestTemp
{
    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "lighten-tests");
    private static readonly Lazy<string> RootFolder = new(CreateRoot);

    /// <summary>This process's root folder.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>A new empty folder named <paramref name="prefix"/> followed by random characters, under <see cref="Root"/>.</summary>
    public static DirectoryInfo CreateSubdirectory(string prefix = "")
    {
        var dir = new DirectoryInfo(Path.Combine(Root, prefix + Guid.NewGuid().ToString("N")));
        dir.Create();
        return dir;
    }

    private static string CreateRoot()
    {
        RemoveStaleRoots();
        var root = Path.Combine(Parent, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    }

    private static void RemoveStaleRoots()
    {
        if (!Directory.Exists(Parent)) return;
        foreach (var dir in Directory.EnumerateDirectories(Parent))
        {
            if (int.TryParse(Path.GetFileName(dir), out int pid) && pid != Environment.ProcessId && !IsRunning(pid)) TryDelete(dir);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Another process may still hold a file; the next test process removes what is left.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
