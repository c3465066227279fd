namespace Lighten.Core.Onnx;

/// <summary>Where a tensor sits in the model, for error messages: "initializer 'w'" or an attribute of a node.</summary>
internal readonly record struct TensorPlace(string What, string? Node = null, string? OpType = null)
{
    public static TensorPlace Initializer(string name) => new($"initializer '{name}'");
}
