namespace Lighten.Cli.Tests.Contract;

/// <summary>Files of this test project in the source tree (schemas, golden files), found from the build output.</summary>
public static class RepoFiles
{
    /// <summary>The folder <c>tests/Lighten.Cli.Tests</c>.</summary>
    public static string Tests { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lighten.slnx"))) return Path.Combine(dir.FullName, "tests", "Lighten.Cli.Tests");
        throw new DirectoryNotFoundException($"no Lighten.slnx above {AppContext.BaseDirectory}");
    }
}
