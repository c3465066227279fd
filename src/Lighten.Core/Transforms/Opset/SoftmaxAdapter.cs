namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Softmax, LogSoftmax and Hardmax: before opset 13 they coerce the input to 2-D at <c>axis</c> (default 1) and
/// normalize each row over all the dimensions from <c>axis</c> on; from 13 they work along the one axis (default
/// -1). When <c>axis</c> is the last dimension both agree, and the axis is set to -1. Otherwise (or when the rank
/// is unknown) the node is wrapped: Flatten(axis) → op(axis = -1) → Reshape back to the input's shape, read by a
/// Shape node, as ONNX's version converter does.
/// </summary>
internal sealed class SoftmaxAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Softmax", "LogSoftmax", "Hardmax"];

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        if (!ctx.Crosses(13)) return null;
        long axis = node.GetInt("axis", 1);
        var x = node.Inputs[0];
        var y = node.Outputs[0];
        if (ctx.RankOf(x) is int rank && (axis < 0 ? axis + rank : axis) == rank - 1)
        {
            ctx.Builder.ReplaceNode(node.WithAttribute("axis", new IntAttribute(-1)));
            return $"{node.OpType} '{node.Name}': axis {axis} (the last) → -1";
        }
        var b = ctx.Builder;
        var shape = b.UniqueName($"{node.Name}_input_shape");
        var flat = b.UniqueName($"{node.Name}_flat");
        var flatOut = b.UniqueName($"{y}_2d");
        b.AddNode("Shape", [x], [shape], namePrefix: $"{node.Name}_shape");
        b.AddNode("Flatten", [x], [flat], [new("axis", new IntAttribute(axis))], namePrefix: $"{node.Name}_flatten");
        b.ReplaceNode(node.WithAttribute("axis", new IntAttribute(-1)) with { Inputs = [flat], Outputs = [flatOut] });
        b.AddNode("Reshape", [flatOut, shape], [y], namePrefix: $"{node.Name}_reshape");
        return $"{node.OpType} '{node.Name}' → Flatten(axis={axis}) + {node.OpType}(axis=-1) + Reshape";
    }
}
