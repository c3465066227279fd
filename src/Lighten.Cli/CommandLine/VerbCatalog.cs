using System.Reflection;
using Spectre.Console.Cli;

namespace Lighten.Cli.CommandLine;

/// <summary>The verbs of <c>lighten</c> (<c>profile</c>, <c>zoo export</c>) and the options each takes, read from their settings classes.</summary>
public sealed class VerbCatalog
{
    private readonly Dictionary<string, Type> _settings = new(StringComparer.Ordinal);

    /// <summary>Records the verb <paramref name="path"/> (words separated by a space) run by <typeparamref name="TCommand"/>.</summary>
    public void Add<TCommand>(string path) where TCommand : ICommand => _settings[path] = SettingsOf(typeof(TCommand));

    /// <summary>Every verb path, in the order added.</summary>
    public IEnumerable<string> Verbs => _settings.Keys;

    /// <summary>The settings class of <paramref name="verb"/>, or null for an unknown verb.</summary>
    public Type? Settings(string verb) => _settings.GetValueOrDefault(verb);

    /// <summary>The words that may follow <paramref name="prefix"/> (the top-level words for an empty one).</summary>
    public IEnumerable<string> Words(string prefix) =>
        _settings.Keys.Select(v => v.Split(' ')).Where(w => prefix.Length == 0 || (w.Length > 1 && w[0] == prefix))
            .Select(w => prefix.Length == 0 ? w[0] : w[1]).Distinct(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="word"/> is a branch (<c>zoo</c>, <c>data</c>) rather than a verb.</summary>
    public bool IsBranch(string word) => _settings.Keys.Any(v => v.StartsWith(word + " ", StringComparison.Ordinal));

    /// <summary>The verb <paramref name="args"/> run and how many words name it, or (null, words read) when they name none.</summary>
    public (string? Verb, int Words) Find(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return (null, 0);
        if (_settings.ContainsKey(args[0])) return (args[0], 1);
        if (args.Count > 1 && IsBranch(args[0]) && _settings.ContainsKey(args[0] + " " + args[1])) return (args[0] + " " + args[1], 2);
        return (null, IsBranch(args[0]) ? 1 : 0);
    }

    /// <summary>Every spelling of every option <paramref name="verb"/> takes (<c>--input-shape</c>, <c>-o</c>), <c>--help</c> included.</summary>
    public IReadOnlyList<string> Options(string verb) =>
        _settings.TryGetValue(verb, out var type)
            ? [.. OptionsOf(type).SelectMany(o => o.Attribute.LongNames.Select(n => "--" + n).Concat(o.Attribute.ShortNames.Select(n => "-" + n))), "--help", "-h"]
            : [];

    /// <summary>
    /// The options of <paramref name="settings"/> with how far up the class hierarchy each is declared: 0 for the verb's
    /// own class, 1 for its base class (such as the training options), and so on.
    /// </summary>
    public static IEnumerable<(CommandOptionAttribute Attribute, int Depth)> OptionsOf(Type settings)
    {
        int depth = 0;
        for (var type = settings; type is not null && type != typeof(CommandSettings); type = type.BaseType, depth++)
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
                if (property.GetCustomAttribute<CommandOptionAttribute>() is { } option) yield return (option, depth);
    }

    private static Type SettingsOf(Type command)
    {
        for (var type = command; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings)) return settings;
        throw new ArgumentException($"{command.Name} is not a Command<TSettings>", nameof(command));
    }
}
