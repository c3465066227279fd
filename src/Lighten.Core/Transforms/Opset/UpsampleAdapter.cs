namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Upsample: its <c>scales</c> attribute (Upsample-7) became input 1 in opset 9, and opset 10 deprecated the op
/// for Resize. Upsample maps output index <c>i</c> to input coordinate <c>i / scale</c> (scales are at least 1),
/// taking the floor in <c>nearest</c> mode and interpolating in <c>linear</c> mode; that is Resize-10, and from
/// Resize-11 on Resize with <c>coordinate_transformation_mode</c> = asymmetric (and <c>nearest_mode</c> = floor),
/// an empty roi and the same scales. Other modes are refused.
/// </summary>
internal sealed class UpsampleAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Upsample"];

    /// <inheritdoc/>
    public override string? Refusal(Node node, UpgradeContext ctx)
    {
        if (ctx.To < 9) return null;
        var mode = node.GetString("mode", "nearest");
        if (mode is not ("nearest" or "linear")) return $"mode '{mode}' is neither nearest nor linear";
        if (ctx.From < 9 && node.GetFloats("scales") is null) return "Upsample-7 has no scales attribute";
        if (ctx.From >= 9 && !node.HasInput(1)) return "Upsample-9 has no scales input";
        return null;
    }

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        if (ctx.To < 9) return null;
        var scales = ctx.From < 9
            ? ctx.AddInitializer($"{node.Name}_scales", TensorData.FromFloats([node.GetFloats("scales")!.Length], node.GetFloats("scales")))
            : node.Inputs[1];
        var upsample = node.WithoutAttribute("scales") with { Inputs = [node.Inputs[0], scales] };
        if (ctx.To == 9)
        {
            if (ctx.From >= 9) return null;
            ctx.Builder.ReplaceNode(upsample);
            return $"Upsample '{node.Name}': scales → input";
        }
        var mode = node.GetString("mode", "nearest");
        var attributes = new Dictionary<string, AttributeValue> { ["mode"] = new StringAttribute(mode) };
        string[] inputs = [node.Inputs[0], scales];
        if (ctx.To >= 11)
        {
            var roi = ctx.To >= 13 ? "" : ctx.AddInitializer($"{node.Name}_roi", TensorData.FromFloats([0], []));
            inputs = [node.Inputs[0], roi, scales];
            attributes["coordinate_transformation_mode"] = new StringAttribute("asymmetric");
            if (mode == "nearest") attributes["nearest_mode"] = new StringAttribute("floor");
        }
        ctx.Builder.ReplaceNode(new Node(node.Name, "Resize", inputs, node.Outputs, attributes));
        return $"Upsample '{node.Name}' → Resize";
    }
}
