using System.Runtime.InteropServices;
using Onnx;

namespace Lighten.Core.Onnx;

/// <summary>
/// Converts ONNX <c>TensorProto</c>s to <see cref="TensorData"/>: <c>raw_data</c> is taken without a copy,
/// the typed fields are packed by ONNX's rules, and external data is read from the model's folder.
/// </summary>
internal static class TensorReader
{
    /// <summary>
    /// The tensor's data. Returns null for an element type Lighten does not hold (strings, complex,
    /// float8, int4) when <paramref name="allowUnsupported"/> is set; throws otherwise.
    /// </summary>
    public static TensorData? Read(ImportContext context, TensorProto tensor, TensorPlace place, bool allowUnsupported)
    {
        var type = (ElementType)tensor.DataType;
        int size = Enum.IsDefined(type) ? type.SizeOf() : 0;
        if (size == 0)
        {
            if (allowUnsupported) return null;
            throw context.Error($"{place.What} has element type {DataTypeName(tensor.DataType)}, which Lighten cannot hold", place.Node, place.OpType);
        }

        long count = ElementCount(context, tensor, place);
        long bytes = count * size;
        if (bytes > Array.MaxLength)
            throw context.Error($"{place.What} has {count} elements, more than Lighten can hold in one tensor", place.Node, place.OpType);

        ReadOnlyMemory<byte> raw;
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            raw = ExternalDataReader.Read(context, tensor, place, bytes);
        else if (!tensor.RawData.IsEmpty)
            raw = tensor.RawData.Memory;
        else
            raw = FromTypedFields(tensor, type, (int)count) ?? throw context.Error(
                $"{place.What} of shape [{string.Join(",", tensor.Dims)}] and type {type} has no data in the field ONNX uses for that type, or the wrong number of elements",
                place.Node, place.OpType);

        if (raw.Length != bytes)
            throw context.Error(
                $"{place.What} of shape [{string.Join(",", tensor.Dims)}] and type {type} needs {bytes} bytes of data, but has {raw.Length}",
                place.Node, place.OpType);
        return new TensorData(type, tensor.Dims, raw);
    }

    private static long ElementCount(ImportContext context, TensorProto tensor, TensorPlace place)
    {
        long count = 1;
        foreach (var d in tensor.Dims)
        {
            if (d < 0)
                throw context.Error($"{place.What} has a negative dimension in its shape [{string.Join(",", tensor.Dims)}]", place.Node, place.OpType);
            // Checked against the largest array first so that the product cannot overflow.
            if (d != 0 && count > Array.MaxLength / d)
                throw context.Error($"{place.What} has a shape [{string.Join(",", tensor.Dims)}] too large to hold", place.Node, place.OpType);
            count *= d;
        }
        return count;
    }

    /// <summary>The elements from the typed field ONNX prescribes for the type, or null when that field has the wrong count.</summary>
    private static byte[]? FromTypedFields(TensorProto tensor, ElementType type, int count)
    {
        switch (type)
        {
            case ElementType.Float:
                return tensor.FloatData.Count == count ? Pack<float, float>(tensor.FloatData, count, v => v) : null;
            case ElementType.Double:
                return tensor.DoubleData.Count == count ? Pack<double, double>(tensor.DoubleData, count, v => v) : null;
            case ElementType.Int64:
                return tensor.Int64Data.Count == count ? Pack<long, long>(tensor.Int64Data, count, v => v) : null;
            case ElementType.UInt64:
                return tensor.Uint64Data.Count == count ? Pack<ulong, ulong>(tensor.Uint64Data, count, v => v) : null;
            case ElementType.UInt32:
                return tensor.Uint64Data.Count == count ? Pack<ulong, uint>(tensor.Uint64Data, count, v => unchecked((uint)v)) : null;
        }
        // ONNX stores every narrower integer type, bool and the 16-bit floats (as their bit patterns) in int32_data.
        if (tensor.Int32Data.Count != count) return null;
        return type switch
        {
            ElementType.Int32 => Pack<int, int>(tensor.Int32Data, count, v => v),
            ElementType.Int16 or ElementType.UInt16 or ElementType.Float16 or ElementType.BFloat16 =>
                Pack<int, ushort>(tensor.Int32Data, count, v => unchecked((ushort)v)),
            ElementType.Int8 or ElementType.UInt8 or ElementType.Bool => Pack<int, byte>(tensor.Int32Data, count, v => unchecked((byte)v)),
            _ => null,
        };
    }

    private static byte[] Pack<TField, TElement>(IList<TField> field, int count, Func<TField, TElement> convert)
        where TElement : unmanaged
    {
        var bytes = new byte[count * Marshal.SizeOf<TElement>()];
        var elements = MemoryMarshal.Cast<byte, TElement>(bytes.AsSpan());
        for (int i = 0; i < count; i++) elements[i] = convert(field[i]);
        return bytes;
    }

    private static string DataTypeName(int dataType) =>
        Enum.IsDefined((TensorProto.Types.DataType)dataType) ? ((TensorProto.Types.DataType)dataType).ToString().ToUpperInvariant() : $"#{dataType}";
}
