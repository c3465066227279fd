namespace Lighten.Core.Ops;

/// <summary>
/// A class that knows something about one or more ops of one domain (a shape rule, a quantizer, a channel rule, a
/// constant kernel, an opset adapter, a training forward); an <see cref="OpTable{T}"/> keys it by those ops.
/// </summary>
public interface IOpHandler
{
    /// <summary>The op types handled.</summary>
    IReadOnlyList<string> OpTypes { get; }

    /// <summary>The op domain; empty (or <c>ai.onnx</c>) for ONNX's default domain.</summary>
    string Domain { get; }
}
