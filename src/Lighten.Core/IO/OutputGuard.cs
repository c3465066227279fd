namespace Lighten.Core.IO;

/// <summary>Keeps a command from writing its output onto one of its inputs.</summary>
public static class OutputGuard
{
    /// <summary>Throws <see cref="OptionException"/> when <paramref name="output"/> is (or links to) one of <paramref name="inputs"/>.</summary>
    public static void EnsureNotInput(string output, params string[] inputs)
    {
        if (string.IsNullOrWhiteSpace(output)) throw new OptionException("no output file was given (-o PATH)");
        var target = Resolve(output);
        foreach (var input in inputs)
            if (string.Equals(target, Resolve(input), StringComparison.Ordinal))
                throw new OptionException($"the output '{output}' is the input file '{input}'; an input is never overwritten, choose another output");
    }

    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var info = new FileInfo(full);
            if (info.Exists && info.LinkTarget is not null)
                return Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full);
        }
        catch (IOException)
        {
            // An unreadable link is compared by its own path.
        }
        return full;
    }
}
