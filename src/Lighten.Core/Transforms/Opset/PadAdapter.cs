namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Pad: the <c>pads</c> and <c>value</c> attributes of Pad-2 became inputs in opset 11. <c>pads</c> becomes an
/// int64 initializer; in <c>constant</c> mode (the default) <c>value</c> (default 0) becomes a scalar initializer
/// of the input's type, read as <c>constant_value</c>. The <c>mode</c> attribute stays.
/// </summary>
internal sealed class PadAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Pad"];

    /// <inheritdoc/>
    public override string? Refusal(Node node, UpgradeContext ctx) =>
        ctx.Crosses(11) && node.GetInts("pads") is null ? "Pad-2 has no pads attribute" : null;

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        if (!ctx.Crosses(11)) return null;
        var pads = ctx.AddInts($"{node.Name}_pads", node.GetInts("pads")!);
        var mode = node.GetString("mode", "constant");
        string[] inputs = mode == "constant"
            ? [node.Inputs[0], pads, ctx.AddScalar($"{node.Name}_value", node.GetFloat("value", 0f), ctx.TypeOf(node.Inputs[0]))]
            : [node.Inputs[0], pads];
        ctx.Builder.ReplaceNode(node.WithoutAttribute("pads").WithoutAttribute("value") with { Inputs = [.. inputs] });
        return $"Pad '{node.Name}': pads/value → inputs";
    }
}
