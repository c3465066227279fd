namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>Ops of one activation with an integer kernel and their own output scale (QLinearAveragePool, QLinearGlobalAveragePool, QLinearSigmoid, QLinearLeakyRelu, QLinearSoftmax).</summary>
internal sealed class UnaryQuantizer : OpQuantizer
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["AveragePool", "GlobalAveragePool", "Sigmoid", "LeakyRelu", "Softmax"];

    /// <inheritdoc/>
    public override QuantKind Kind => QuantKind.Unary;
}
