using Lighten.Core;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime;

/// <summary>Translates ONNX Runtime's metadata into the IR's <see cref="ValueInfo"/>.</summary>
internal static class OrtMetadata
{
    public static ValueInfo ToValueInfo(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor) return new ValueInfo(name, ElementType.Undefined, null);
        // ONNX Runtime numbers element types as ONNX's TensorProto.DataType, as ElementType does.
        var type = (ElementType)(int)metadata.ElementDataType;
        var dims = new Dim[metadata.Dimensions.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            int size = metadata.Dimensions[i];
            string? symbol = i < metadata.SymbolicDimensions.Length ? metadata.SymbolicDimensions[i] : null;
            dims[i] = size >= 0 ? Dim.Of(size) : string.IsNullOrEmpty(symbol) ? Dim.Unknown : Dim.Sym(symbol);
        }
        return new ValueInfo(name, type, new TensorShape(dims));
    }
}
