namespace Lighten.Cli.CommandLine;

/// <summary>
/// Option spellings renamed in 0.x that keep working for one release: each is rewritten to its new name before parsing,
/// with a one-line notice on stderr. A rename applies to a verb that takes the new name and not the old one, so that
/// <c>--warmup</c> becomes <c>--warmup-epochs</c> in <c>train</c> and <c>--warmup-runs</c> in <c>bench</c>.
/// </summary>
public static class Deprecations
{
    /// <summary>Each old spelling and the new names it may stand for, first match wins.</summary>
    public static IReadOnlyList<(string Old, string[] New)> Renamed { get; } =
    [
        ("--warmup", ["--warmup-epochs", "--warmup-runs"]),
        ("--out", ["--out-dir"]),
        ("--input", ["--input-shape"]),
    ];

    /// <summary><paramref name="args"/> with deprecated spellings replaced; a notice per replaced spelling goes to <paramref name="error"/>.</summary>
    public static string[] Rewrite(string[] args, VerbCatalog catalog, TextWriter error)
    {
        var (verb, words) = catalog.Find(args);
        if (verb is null) return args;
        var options = catalog.Options(verb).ToHashSet(StringComparer.Ordinal);
        var result = (string[])args.Clone();
        var warned = new HashSet<string>(StringComparer.Ordinal);
        for (int i = words; i < result.Length; i++)
        {
            if (result[i] == "--") break;
            int equals = result[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? result[i] : result[i][..equals];
            if (options.Contains(name)) continue;
            foreach (var (old, renamed) in Renamed)
            {
                if (name != old || renamed.FirstOrDefault(options.Contains) is not { } replacement) continue;
                result[i] = replacement + (equals < 0 ? "" : result[i][equals..]);
                if (warned.Add(old)) error.WriteLine($"lighten: warning: {old} is deprecated in {verb}; use {replacement}");
                break;
            }
        }
        return result;
    }
}
