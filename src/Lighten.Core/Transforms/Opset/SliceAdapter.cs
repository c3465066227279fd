namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Slice: the <c>starts</c>, <c>ends</c> and <c>axes</c> attributes of Slice-1 became inputs 1 to 3 in opset 10
/// (int64 initializers here). Slice-1 has no steps, so input 4 stays absent (step 1).
/// </summary>
internal sealed class SliceAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Slice"];

    /// <inheritdoc/>
    public override string? Refusal(Node node, UpgradeContext ctx) =>
        ctx.Crosses(10) && (node.GetInts("starts") is null || node.GetInts("ends") is null) ? "Slice-1 needs starts and ends attributes" : null;

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        if (!ctx.Crosses(10)) return null;
        var inputs = new List<string> { node.Inputs[0] };
        foreach (var attribute in new[] { "starts", "ends", "axes" })
            if (node.GetInts(attribute) is { } values) inputs.Add(ctx.AddInts($"{node.Name}_{attribute}", values));
        var rewritten = node.WithoutAttribute("starts").WithoutAttribute("ends").WithoutAttribute("axes");
        ctx.Builder.ReplaceNode(rewritten with { Inputs = [.. inputs] });
        return $"Slice '{node.Name}': starts/ends{(inputs.Count > 3 ? "/axes" : "")} → inputs";
    }
}
