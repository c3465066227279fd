using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Lighten.Cli.CommandLine;

/// <summary>
/// Spectre's help with a verb's own options first: Spectre lists the options of base settings classes (the forty training
/// options of <c>factorize</c>) before the verb's, which buries what the verb is about.
/// </summary>
public sealed class LightenHelpProvider(ICommandAppSettings settings, VerbCatalog catalog) : HelpProvider(settings)
{
    /// <inheritdoc/>
    public override IEnumerable<IRenderable> GetOptions(ICommandModel model, ICommandInfo? command) =>
        base.GetOptions(model, command is null || catalog.Settings(PathOf(command)) is not { } type ? command : new OwnOptionsFirst(command, type));

    private static string PathOf(ICommandInfo command) => command.Parent is { } parent ? PathOf(parent) + " " + command.Name : command.Name;

    /// <summary><paramref name="inner"/> with its options ordered by how far up the settings hierarchy they are declared.</summary>
    private sealed class OwnOptionsFirst(ICommandInfo inner, Type settings) : ICommandInfo
    {
        private readonly IReadOnlyList<ICommandParameter> _parameters = Order(inner.Parameters, settings);

        private static IReadOnlyList<ICommandParameter> Order(IReadOnlyList<ICommandParameter> parameters, Type settings)
        {
            var depth = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (option, d) in VerbCatalog.OptionsOf(settings))
                foreach (var name in option.LongNames) depth.TryAdd(name, d);
            return [.. parameters.Select((p, i) => (p, i))
                .OrderBy(x => x.p is ICommandOption o && o.LongNames.Count > 0 ? depth.GetValueOrDefault(o.LongNames[0]) : 0)
                .ThenBy(x => x.i).Select(x => x.p)];
        }

        public string Name => inner.Name;
        public string? Description => inner.Description;
        public bool IsBranch => inner.IsBranch;
        public bool IsDefaultCommand => inner.IsDefaultCommand;
        public bool IsHidden => inner.IsHidden;
        public IReadOnlyList<ICommandParameter> Parameters => _parameters;
        public ICommandInfo? Parent => inner.Parent;
        public IReadOnlyList<string[]> Examples => inner.Examples;
        public IReadOnlyList<ICommandInfo> Commands => inner.Commands;
        public ICommandInfo? DefaultCommand => inner.DefaultCommand;
    }
}
