using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Lighten.Core;

/// <summary>
/// An immutable tensor value (a weight initializer or a folded constant): element type, shape and the
/// elements as little-endian bytes in row-major order, the layout of ONNX's <c>raw_data</c>.
/// Supported element types: float32, float16, int8, uint8, int32, int64 and bool (others are kept as bytes).
/// </summary>
public sealed class TensorData
{
    /// <summary>Wraps raw little-endian bytes; the caller must not change them afterwards.</summary>
    public TensorData(ElementType elementType, IEnumerable<long> dims, ReadOnlyMemory<byte> raw)
    {
        ElementType = elementType;
        Dims = [.. dims];
        Raw = raw;
        long count = 1;
        foreach (var d in Dims)
        {
            if (d < 0) throw new ArgumentException($"negative dimension {d} in tensor shape");
            count = checked(count * d);
        }
        ElementCount = count;
        int size = elementType.SizeOf();
        if (size == 0) throw new ArgumentException($"element type {elementType} has no fixed size");
        if ((long)raw.Length != count * size)
            throw new ArgumentException($"tensor of shape [{string.Join(",", Dims)}] and type {elementType} needs {count * size} bytes, got {raw.Length}");
    }

    /// <summary>The element type.</summary>
    public ElementType ElementType { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public ImmutableArray<long> Dims { get; }

    /// <summary>The elements as little-endian bytes.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>Number of elements.</summary>
    public long ElementCount { get; }

    /// <summary>Size of the data in bytes.</summary>
    public long ByteCount => Raw.Length;

    /// <summary>The shape as a fully known <see cref="TensorShape"/>.</summary>
    public TensorShape Shape => new([.. Dims]);

    /// <summary>The elements viewed as <typeparamref name="T"/>, which must match the element type's size.</summary>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged
    {
        if (Marshal.SizeOf<T>() != ElementType.SizeOf())
            throw new InvalidOperationException($"cannot view {ElementType} elements as {typeof(T).Name}");
        return MemoryMarshal.Cast<byte, T>(Raw.Span);
    }

    /// <summary>The elements converted to float32 (any numeric element type).</summary>
    public float[] ToFloatArray()
    {
        var result = new float[ElementCount];
        switch (ElementType)
        {
            case ElementType.Float: AsSpan<float>().CopyTo(result); break;
            case ElementType.Float16: { var s = AsSpan<Half>(); for (int i = 0; i < s.Length; i++) result[i] = (float)s[i]; break; }
            case ElementType.Double: { var s = AsSpan<double>(); for (int i = 0; i < s.Length; i++) result[i] = (float)s[i]; break; }
            default: { var l = ToInt64Array(); for (int i = 0; i < l.Length; i++) result[i] = l[i]; break; }
        }
        return result;
    }

    /// <summary>The elements converted to int64 (integer and bool element types; floats are truncated).</summary>
    public long[] ToInt64Array()
    {
        var result = new long[ElementCount];
        switch (ElementType)
        {
            case ElementType.Int64: AsSpan<long>().CopyTo(result); break;
            case ElementType.Int32: { var s = AsSpan<int>(); for (int i = 0; i < s.Length; i++) result[i] = s[i]; break; }
            case ElementType.Int16: { var s = AsSpan<short>(); for (int i = 0; i < s.Length; i++) result[i] = s[i]; break; }
            case ElementType.UInt16: { var s = AsSpan<ushort>(); for (int i = 0; i < s.Length; i++) result[i] = s[i]; break; }
            case ElementType.UInt32: { var s = AsSpan<uint>(); for (int i = 0; i < s.Length; i++) result[i] = s[i]; break; }
            case ElementType.UInt64: { var s = AsSpan<ulong>(); for (int i = 0; i < s.Length; i++) result[i] = (long)s[i]; break; }
            case ElementType.Int8: { var s = AsSpan<sbyte>(); for (int i = 0; i < s.Length; i++) result[i] = s[i]; break; }
            case ElementType.UInt8 or ElementType.Bool: { var s = Raw.Span; for (int i = 0; i < s.Length; i++) result[i] = s[i]; break; }
            case ElementType.Float or ElementType.Float16 or ElementType.Double:
                { var f = ToFloatArray(); for (int i = 0; i < f.Length; i++) result[i] = (long)f[i]; break; }
            default: throw new InvalidOperationException($"cannot read {ElementType} elements as integers");
        }
        return result;
    }

    /// <summary>Creates a tensor by copying elements of any unmanaged type whose size matches <paramref name="elementType"/>.</summary>
    public static TensorData Create<T>(ElementType elementType, IEnumerable<long> dims, ReadOnlySpan<T> values) where T : unmanaged
        => new(elementType, dims, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>A float32 tensor.</summary>
    public static TensorData FromFloats(IEnumerable<long> dims, ReadOnlySpan<float> values) => Create(ElementType.Float, dims, values);

    /// <summary>A float16 tensor.</summary>
    public static TensorData FromHalves(IEnumerable<long> dims, ReadOnlySpan<Half> values) => Create(ElementType.Float16, dims, values);

    /// <summary>An int64 tensor.</summary>
    public static TensorData FromInt64s(IEnumerable<long> dims, ReadOnlySpan<long> values) => Create(ElementType.Int64, dims, values);

    /// <summary>An int32 tensor.</summary>
    public static TensorData FromInt32s(IEnumerable<long> dims, ReadOnlySpan<int> values) => Create(ElementType.Int32, dims, values);

    /// <summary>An int8 tensor.</summary>
    public static TensorData FromInt8s(IEnumerable<long> dims, ReadOnlySpan<sbyte> values) => Create(ElementType.Int8, dims, values);

    /// <summary>A uint8 tensor.</summary>
    public static TensorData FromUInt8s(IEnumerable<long> dims, ReadOnlySpan<byte> values) => Create(ElementType.UInt8, dims, values);

    /// <summary>A bool tensor.</summary>
    public static TensorData FromBools(IEnumerable<long> dims, ReadOnlySpan<bool> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++) bytes[i] = values[i] ? (byte)1 : (byte)0;
        return new(ElementType.Bool, dims, bytes);
    }

    /// <summary>Converts numeric elements to another numeric element type (floats to integers truncate).</summary>
    public TensorData CastTo(ElementType target)
    {
        if (target == ElementType) return this;
        return target switch
        {
            ElementType.Float => FromFloats(Dims, ToFloatArray()),
            ElementType.Float16 => FromHalves(Dims, [.. ToFloatArray().Select(f => (Half)f)]),
            ElementType.Double => Create(ElementType.Double, Dims, [.. ToFloatArray().Select(f => (double)f)]),
            ElementType.Int64 => FromInt64s(Dims, ToInt64Array()),
            ElementType.Int32 => FromInt32s(Dims, [.. ToInt64Array().Select(v => unchecked((int)v))]),
            ElementType.Int8 => FromInt8s(Dims, [.. ToInt64Array().Select(v => unchecked((sbyte)v))]),
            ElementType.UInt8 => FromUInt8s(Dims, [.. ToInt64Array().Select(v => unchecked((byte)v))]),
            ElementType.Bool => FromBools(Dims, [.. ToFloatArray().Select(v => v != 0)]),
            _ => throw new InvalidOperationException($"cannot cast {ElementType} to {target}"),
        };
    }

    /// <summary>Whether both tensors have the same type, shape and bytes.</summary>
    public bool ContentEquals(TensorData other) =>
        ElementType == other.ElementType && Dims.SequenceEqual(other.Dims) && Raw.Span.SequenceEqual(other.Raw.Span);

    /// <inheritdoc/>
    public override string ToString() => $"{ElementType}[{string.Join(",", Dims)}]";
}
