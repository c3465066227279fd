namespace Lighten.Core.Ops;

/// <summary>Elementwise ops of one tensor input (activations and math functions): the output has the input's type and shape.</summary>
internal sealed class UnaryElementwise : SameShapeFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
    [
        "Relu", "LeakyRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus", "Softsign",
        "Sqrt", "Exp", "Log", "Neg", "Abs", "Erf", "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Not",
    ];
}
