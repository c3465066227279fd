namespace Lighten.Core.Ops;

/// <summary>Comparisons and logical ops with numpy broadcasting: the output is a bool tensor.</summary>
internal sealed class Comparison : BroadcastFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
        ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor"];

    /// <inheritdoc/>
    protected override ElementType OutputType(ShapeContext ctx) => ElementType.Bool;
}
