using Onnx;

namespace Lighten.Core.Onnx;

/// <summary>Converts between ONNX <c>ValueInfoProto</c>s and <see cref="ValueInfo"/> in both directions.</summary>
internal static class ValueInfoConverter
{
    /// <summary>
    /// The value's element type and shape: <c>dim_value</c> becomes a known size, <c>dim_param</c> a symbol,
    /// neither (or a negative size) an unknown dimension; a missing shape stays null. Non-tensor types
    /// (sequences, maps) are read as an undefined element type without a shape.
    /// </summary>
    public static ValueInfo Read(ValueInfoProto proto)
    {
        if (proto.Type?.TensorType is not { } tensor) return new ValueInfo(proto.Name, ElementType.Undefined, null);
        return new ValueInfo(proto.Name, (ElementType)tensor.ElemType, tensor.Shape is null ? null : new TensorShape(tensor.Shape.Dim.Select(ReadDim)));
    }

    private static Dim ReadDim(TensorShapeProto.Types.Dimension d) => d.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue when d.DimValue >= 0 => Dim.Of(d.DimValue),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam when d.DimParam.Length > 0 => Dim.Sym(d.DimParam),
        _ => Dim.Unknown,
    };

    /// <summary>The proto of <paramref name="info"/>: a tensor type with its shape (symbols as <c>dim_param</c>).</summary>
    public static ValueInfoProto Write(ValueInfo info)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)info.ElementType };
        if (info.Shape is not null)
        {
            tensor.Shape = new TensorShapeProto();
            foreach (var d in info.Shape.Dims)
            {
                var dim = new TensorShapeProto.Types.Dimension();
                if (d.Value is long v) dim.DimValue = v;
                else if (d.Symbol is not null) dim.DimParam = d.Symbol;
                tensor.Shape.Dim.Add(dim);
            }
        }
        return new ValueInfoProto { Name = info.Name, Type = new TypeProto { TensorType = tensor } };
    }
}
