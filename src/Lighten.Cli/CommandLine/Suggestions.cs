using System.Text.RegularExpressions;

namespace Lighten.Cli.CommandLine;

/// <summary>Turns the parser's terse errors into one line that names the option and, for a typo, the closest spelling.</summary>
public static partial class Suggestions
{
    /// <summary>The one-line error for the parser's <paramref name="message"/> about <paramref name="args"/>.</summary>
    public static string Explain(string message, IReadOnlyList<string> args, VerbCatalog catalog)
    {
        var (verb, words) = catalog.Find(args);
        if (UnknownCommand().Match(message) is { Success: true } command)
        {
            var word = command.Groups[1].Value;
            var prefix = words == 1 && verb is null ? args[0] : "";
            return $"unknown command '{word}'" + (Closest(word, catalog.Words(prefix)) is { } near ? $"; did you mean '{(prefix.Length > 0 ? prefix + " " : "")}{near}'?" : "")
                + " (see 'lighten --help')";
        }
        if (UnknownOption().Match(message) is { Success: true } option && verb is not null)
        {
            var given = (option.Groups[1].Value.Length == 1 ? "-" : "--") + option.Groups[1].Value;
            return $"unknown option '{given}' for '{verb}'"
                + (Closest(given, catalog.Options(verb).Where(o => o.StartsWith("--", StringComparison.Ordinal))) is { } near ? $"; did you mean {near}?" : "")
                + $" (see 'lighten {verb} --help')";
        }
        if (Conversion().Match(message) is { Success: true } conversion)
        {
            var value = conversion.Groups[1].Value;
            var kind = conversion.Groups[2].Value is "Int32" or "Int64" ? "a whole number" : conversion.Groups[2].Value is "Double" or "Single" ? "a number" : $"a {conversion.Groups[2].Value}";
            return OptionOf(value, args, words) is { } name ? $"{name} '{value}' is not {kind}" : $"'{value}' is not {kind}";
        }
        return message;
    }

    /// <summary>The candidate closest to <paramref name="given"/> by edit distance, if close enough to be a typo.</summary>
    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        var best = candidates.Select(c => (Candidate: c, Distance: Distance(given, c))).OrderBy(c => c.Distance).ThenBy(c => c.Candidate, StringComparer.Ordinal).FirstOrDefault();
        return best.Candidate is not null && (best.Distance <= Math.Max(2, given.Length / 3) || best.Candidate.StartsWith(given, StringComparison.Ordinal))
            ? best.Candidate : null;
    }

    // The option whose value is `value`: `--runs abc` or `--runs=abc`.
    private static string? OptionOf(string value, IReadOnlyList<string> args, int from)
    {
        for (int i = Math.Max(from, 1); i < args.Count; i++)
        {
            if (args[i] == value && args[i - 1].StartsWith('-')) return args[i - 1];
            if (args[i].EndsWith("=" + value, StringComparison.Ordinal) && args[i].StartsWith('-')) return args[i][..^(value.Length + 1)];
        }
        return null;
    }

    // Levenshtein distance, case-insensitive.
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex(@"^Unknown command '(.+)'")]
    private static partial Regex UnknownCommand();

    [GeneratedRegex(@"^Unknown option '(.+)'")]
    private static partial Regex UnknownOption();

    [GeneratedRegex(@"^Failed to convert '(.*)' to (\w+)")]
    private static partial Regex Conversion();
}
