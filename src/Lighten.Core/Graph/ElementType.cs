namespace Lighten.Core;

/// <summary>Tensor element types, numbered as ONNX's <c>TensorProto.DataType</c>.</summary>
public enum ElementType
{
    /// <summary>Not known.</summary>
    Undefined = 0,
    /// <summary>32-bit float.</summary>
    Float = 1,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,
    /// <summary>String (not supported as tensor data).</summary>
    String = 8,
    /// <summary>Boolean, one byte per element.</summary>
    Bool = 9,
    /// <summary>IEEE half precision.</summary>
    Float16 = 10,
    /// <summary>64-bit float.</summary>
    Double = 11,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,
    /// <summary>Brain float 16.</summary>
    BFloat16 = 16,
}

/// <summary>Facts about element types.</summary>
public static class ElementTypes
{
    /// <summary>Bytes per element, or 0 for types without a fixed size.</summary>
    public static int SizeOf(this ElementType type) => type switch
    {
        ElementType.Float or ElementType.Int32 or ElementType.UInt32 => 4,
        ElementType.UInt8 or ElementType.Int8 or ElementType.Bool => 1,
        ElementType.UInt16 or ElementType.Int16 or ElementType.Float16 or ElementType.BFloat16 => 2,
        ElementType.Int64 or ElementType.Double or ElementType.UInt64 => 8,
        _ => 0,
    };

    /// <summary>Whether the type is a floating-point type.</summary>
    public static bool IsFloat(this ElementType type) =>
        type is ElementType.Float or ElementType.Float16 or ElementType.Double or ElementType.BFloat16;
}
