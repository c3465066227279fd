using System.Collections.Frozen;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary>Element-wise ops without attributes: <c>Relu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>Sqrt</c>, <c>HardSwish</c> and a few more.</summary>
internal sealed class Unary : OpForward
{
    private static readonly FrozenDictionary<string, Func<Tensor, Tensor>> Functions = new Dictionary<string, Func<Tensor, Tensor>>
    {
        ["Relu"] = x => F.relu(x),
        ["Sigmoid"] = x => x.sigmoid(),
        ["Tanh"] = x => x.tanh(),
        ["Sqrt"] = x => x.sqrt(),
        ["HardSwish"] = x => F.hardswish(x),
        ["Exp"] = x => x.exp(),
        ["Log"] = x => x.log(),
        ["Neg"] = x => x.neg(),
        ["Abs"] = x => x.abs(),
        ["Reciprocal"] = x => x.reciprocal(),
        ["Erf"] = x => x.erf(),
    }.ToFrozenDictionary();

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = [.. Functions.Keys];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx) => [Functions[ctx.Node.OpType](ctx.Input(0))];
}
