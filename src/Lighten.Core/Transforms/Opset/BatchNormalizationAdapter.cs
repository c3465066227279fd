namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// BatchNormalization: opset 9 removed the <c>spatial</c> attribute (only its default 1, per-channel statistics,
/// survives, so a node with <c>spatial</c> = 0 is refused); the legacy <c>is_test</c> and <c>consumed_inputs</c>
/// are removed too. Outputs beyond Y (running and saved statistics, training only) that nothing reads are dropped.
/// </summary>
internal sealed class BatchNormalizationAdapter : OpsetAdapter
{
    private static readonly string[] Legacy = ["spatial", "is_test", "consumed_inputs"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["BatchNormalization"];

    /// <inheritdoc/>
    public override string? Refusal(Node node, UpgradeContext ctx) =>
        ctx.Crosses(9) && node.GetInt("spatial", 1) != 1 ? "spatial = 0 (statistics per activation) has no equivalent after opset 8" : null;

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        var changes = new List<string>();
        var rewritten = node;
        foreach (var attribute in Legacy.Where(node.Attributes.ContainsKey))
        {
            rewritten = rewritten.WithoutAttribute(attribute);
            changes.Add($"removed {attribute}");
        }
        var outputs = node.Outputs.Select((o, i) => i == 0 || ctx.IsUsed(o) ? o : "").ToList();
        while (outputs.Count > 1 && outputs[^1].Length == 0) outputs.RemoveAt(outputs.Count - 1);
        int dropped = node.Outputs.Skip(1).Count(o => o.Length > 0) - outputs.Skip(1).Count(o => o.Length > 0);
        if (dropped > 0)
        {
            rewritten = rewritten with { Outputs = [.. outputs] };
            changes.Add($"dropped {dropped} unused output(s)");
        }
        if (changes.Count == 0) return null;
        ctx.Builder.ReplaceNode(rewritten);
        return $"BatchNormalization '{node.Name}': {string.Join(", ", changes)}";
    }
}
