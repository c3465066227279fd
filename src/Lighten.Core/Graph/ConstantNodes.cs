namespace Lighten.Core;

/// <summary>Reads the tensor a <c>Constant</c> node produces from whichever of its value attributes it carries.</summary>
public static class ConstantNodes
{
    /// <summary>
    /// The value of a <c>Constant</c> node (attributes <c>value</c>, <c>value_float(s)</c>, <c>value_int(s)</c>),
    /// or null when the node is not a default-domain Constant or holds a sparse or string value.
    /// </summary>
    public static TensorData? ValueOf(Node node)
    {
        if (node.OpType != "Constant" || node.Domain is not ("" or "ai.onnx")) return null;
        if (node.GetTensor("value") is { } t) return t;
        if (node.Attributes.TryGetValue("value_float", out var f) && f is FloatAttribute fa) return TensorData.FromFloats([], [fa.Value]);
        if (node.GetFloats("value_floats") is { } fs) return TensorData.FromFloats([fs.Length], fs);
        if (node.Attributes.TryGetValue("value_int", out var i) && i is IntAttribute ia) return TensorData.FromInt64s([], [ia.Value]);
        if (node.GetInts("value_ints") is { } ints) return TensorData.FromInt64s([ints.Length], ints);
        return null;
    }
}
