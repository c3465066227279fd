using System.Globalization;
using Lighten.Core.Analysis;
using Lighten.Core.Transforms.Cleanup;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>
/// Ranks a model's Conv and ConvTranspose layers by their share of the MACs (with the <see cref="Profiler"/>) and
/// selects those at or above a threshold, or those named by node name or op type. It only reads the graph, so it
/// returns a <see cref="LayerSelection"/> rather than a <see cref="PassResult"/>.
/// </summary>
public static class SelectHeavyLayers
{
    private static readonly string[] OpTypes = ["Conv", "ConvTranspose"];

    /// <summary>Ranks and selects; throws <see cref="OptionException"/> for a threshold out of [0, 1] or a layer that is neither a Conv/ConvTranspose node nor one of those op types.</summary>
    public static LayerSelection Run(Graph g, LayerSelectionOptions? options = null)
    {
        options ??= new LayerSelectionOptions();
        if (options.Threshold is double t && !(t >= 0 && t <= 1))
            throw new OptionException($"the MAC share threshold must be between 0 and 1, got {t.ToString(CultureInfo.InvariantCulture)}");
        var profile = Profiler.Run(g, new ProfileOptions { InputShapes = options.InputShapes });
        var candidates = profile.Layers
            .Where(l => OpTypes.Contains(l.OpType) && l.Macs is not null && g.FindNode(l.Name) is { } n && n.Is(l.OpType))
            .OrderByDescending(l => l.Macs)
            .ToList();

        var names = new HashSet<string>(StringComparer.Ordinal);
        var opTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in options.Layers) Resolve(g, entry, candidates, names, opTypes);
        double? threshold = options.Threshold ?? (options.Layers.Count == 0 ? LayerSelectionOptions.DefaultThreshold : null);

        var ranked = candidates.Select(l =>
        {
            var reason = options.Layers.Count == 0 ? SelectionReason.Threshold
                : names.Contains(l.Name) ? SelectionReason.Name
                : opTypes.Contains(l.OpType) ? SelectionReason.OpType
                : SelectionReason.None;
            if (threshold is double min && l.MacShare < min) reason = SelectionReason.None;
            return new RankedLayer(l.Name, l.OpType, l.Macs!.Value, l.MacShare, reason);
        });
        return new LayerSelection(profile.Totals.Macs, [.. ranked]);
    }

    private static void Resolve(Graph g, string entry, List<LayerProfile> candidates, HashSet<string> names, HashSet<string> opTypes)
    {
        if (g.FindNode(entry) is { } node)
        {
            if (!candidates.Any(c => c.Name == entry))
                throw new OptionException($"{OptionKey.Ref(OptionKey.Layers)} names node '{entry}', a {node.OpType}; only Conv and ConvTranspose layers can be factorized");
            names.Add(entry);
            return;
        }
        if (OpTypes.FirstOrDefault(o => string.Equals(o, entry, StringComparison.OrdinalIgnoreCase)) is { } opType)
        {
            opTypes.Add(opType);
            return;
        }
        var heaviest = string.Join(", ", candidates.Take(3).Select(c => $"'{c.Name}'"));
        throw new OptionException($"{OptionKey.Ref(OptionKey.Layers)} '{entry}' is neither a node of the model nor Conv or ConvTranspose (heaviest layers: {heaviest})");
    }
}
