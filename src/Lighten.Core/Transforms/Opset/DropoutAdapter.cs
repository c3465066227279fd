namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Dropout: the mask output became bool in opset 10, and the <c>ratio</c> attribute became input 1 in opset 12
/// (with an optional <c>training_mode</c> input, absent here: inference, as before). An unused mask is dropped. A
/// mask that is read is refused: its type changes at 10, and in inference ONNX Runtime fills it with zeros before
/// opset 12 but with ones (as ONNX's reference does) from 12 on. The legacy <c>is_test</c> attribute is removed.
/// </summary>
internal sealed class DropoutAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Dropout"];

    /// <inheritdoc/>
    public override string? Refusal(Node node, UpgradeContext ctx) =>
        (ctx.Crosses(10) || ctx.Crosses(12)) && node.Outputs.Length > 1 && ctx.IsUsed(node.Outputs[1])
            ? "its mask output is read, and the mask's type or inference value changes on the way"
            : null;

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        var changes = new List<string>();
        var rewritten = node;
        if (node.Attributes.ContainsKey("is_test"))
        {
            rewritten = rewritten.WithoutAttribute("is_test");
            changes.Add("removed is_test");
        }
        if ((ctx.Crosses(10) || ctx.Crosses(12)) && node.Outputs.Length > 1 && node.Outputs[1].Length > 0)
        {
            rewritten = rewritten with { Outputs = [node.Outputs[0]] };
            changes.Add("dropped the unused mask");
        }
        if (ctx.Crosses(12))
        {
            var ratio = ctx.AddScalar($"{node.Name}_ratio", node.GetFloat("ratio", 0.5f), ElementType.Float);
            rewritten = rewritten.WithoutAttribute("ratio") with { Inputs = [node.Inputs[0], ratio] };
            changes.Add("ratio → input");
        }
        if (changes.Count == 0) return null;
        ctx.Builder.ReplaceNode(rewritten);
        return $"Dropout '{node.Name}': {string.Join(", ", changes)}";
    }
}
