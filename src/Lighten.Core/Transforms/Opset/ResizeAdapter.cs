namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Resize: opset 11 inserted the roi input before scales and added <c>coordinate_transformation_mode</c> (default
/// half_pixel) and <c>nearest_mode</c>. Resize-10 maps output index <c>i</c> to <c>i / scale</c> (asymmetric);
/// in nearest mode ONNX Runtime, the reference for Resize-10, takes the floor of that coordinate when upsampling
/// and its ceiling when downsampling. So a Resize-10 node gets asymmetric, an empty roi and, in nearest mode,
/// nearest_mode floor (every constant scale at least 1, or scales not constant) or ceil (every scale at most 1);
/// nearest mode with scales on both sides of 1 is refused. Resize-11 and later are kept.
/// </summary>
internal sealed class ResizeAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Resize"];

    /// <inheritdoc/>
    public override string? Refusal(Node node, UpgradeContext ctx)
    {
        if (!ctx.Crosses(11)) return null;
        if (!node.HasInput(1)) return "Resize-10 has no scales input";
        return node.GetString("mode", "nearest") == "nearest" && NearestMode(node, ctx) is null
            ? "nearest mode with scales both above and below 1 has no single nearest_mode"
            : null;
    }

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        if (!ctx.Crosses(11)) return null;
        var roi = ctx.To >= 13 ? "" : ctx.AddInitializer($"{node.Name}_roi", TensorData.FromFloats([0], []));
        var rewritten = node.WithAttribute("coordinate_transformation_mode", new StringAttribute("asymmetric"))
            with { Inputs = [node.Inputs[0], roi, node.Inputs[1]] };
        if (node.GetString("mode", "nearest") == "nearest")
            rewritten = rewritten.WithAttribute("nearest_mode", new StringAttribute(NearestMode(node, ctx)!));
        ctx.Builder.ReplaceNode(rewritten);
        return $"Resize '{node.Name}': Resize-10 → asymmetric coordinates, roi input";
    }

    private static string? NearestMode(Node node, UpgradeContext ctx)
    {
        if (ctx.ConstantOf(node.Inputs[1]) is not { } scales) return "floor";
        var values = scales.ToFloatArray();
        if (values.All(s => s >= 1)) return "floor";
        return values.All(s => s <= 1) ? "ceil" : null;
    }
}
