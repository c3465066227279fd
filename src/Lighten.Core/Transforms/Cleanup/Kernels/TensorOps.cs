namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Element access, broadcasting and index arithmetic shared by the constant kernels.</summary>
internal static class TensorOps
{
    /// <summary>Whether kernels can read and write elements of <paramref name="type"/>.</summary>
    public static bool IsSupported(ElementType type) => type is ElementType.Float or ElementType.Float16 or ElementType.Double
        or ElementType.Int64 or ElementType.Int32 or ElementType.Int8 or ElementType.UInt8 or ElementType.Bool;

    /// <summary>Row-major strides of <paramref name="dims"/>, in elements.</summary>
    public static long[] Strides(IReadOnlyList<long> dims)
    {
        var strides = new long[dims.Count];
        long s = 1;
        for (int i = dims.Count - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= dims[i];
        }
        return strides;
    }

    /// <summary>Product of <paramref name="dims"/> from <paramref name="start"/> to <paramref name="end"/> (exclusive).</summary>
    public static long Product(IReadOnlyList<long> dims, int start = 0, int end = -1)
    {
        if (end < 0) end = dims.Count;
        long p = 1;
        for (int i = start; i < end; i++) p = checked(p * dims[i]);
        return p;
    }

    /// <summary>The elements as doubles (any supported type).</summary>
    public static double[] ToDoubles(TensorData t)
    {
        switch (t.ElementType)
        {
            case ElementType.Double: return t.AsSpan<double>().ToArray();
            case ElementType.Float:
                {
                    var s = t.AsSpan<float>();
                    var r = new double[s.Length];
                    for (int i = 0; i < s.Length; i++) r[i] = s[i];
                    return r;
                }
            case ElementType.Float16:
                {
                    var s = t.AsSpan<Half>();
                    var r = new double[s.Length];
                    for (int i = 0; i < s.Length; i++) r[i] = (double)s[i];
                    return r;
                }
            default: return [.. t.ToInt64Array().Select(v => (double)v)];
        }
    }

    /// <summary>The elements as longs; float elements truncate toward zero.</summary>
    public static long[] ToLongs(TensorData t) =>
        t.ElementType.IsFloat() ? [.. ToDoubles(t).Select(v => (long)v)] : t.ToInt64Array();

    /// <summary>A tensor of a float type from doubles (rounded to the type's precision).</summary>
    public static TensorData FromDoubles(ElementType type, IReadOnlyList<long> dims, double[] values) => type switch
    {
        ElementType.Float => TensorData.FromFloats(dims, [.. values.Select(v => (float)v)]),
        ElementType.Float16 => TensorData.FromHalves(dims, [.. values.Select(v => (Half)v)]),
        ElementType.Double => TensorData.Create(ElementType.Double, dims, values.AsSpan()),
        ElementType.Bool => TensorData.FromBools(dims, [.. values.Select(v => v != 0)]),
        _ => FromLongs(type, dims, [.. values.Select(v => (long)v)]),
    };

    /// <summary>A tensor of an integer or bool type from longs (wrapping to the type's width; bool is v != 0).</summary>
    public static TensorData FromLongs(ElementType type, IReadOnlyList<long> dims, long[] values) => type switch
    {
        ElementType.Int64 => TensorData.FromInt64s(dims, values),
        ElementType.Int32 => TensorData.FromInt32s(dims, [.. values.Select(v => unchecked((int)v))]),
        ElementType.Int8 => TensorData.FromInt8s(dims, [.. values.Select(v => unchecked((sbyte)v))]),
        ElementType.UInt8 => TensorData.FromUInt8s(dims, [.. values.Select(v => unchecked((byte)v))]),
        ElementType.Bool => TensorData.FromBools(dims, [.. values.Select(v => v != 0)]),
        _ when type.IsFloat() => FromDoubles(type, dims, [.. values.Select(v => (double)v)]),
        _ => throw new InvalidOperationException($"cannot write {type} elements"),
    };

    /// <summary>A tensor of <paramref name="dims"/> whose element i is element <paramref name="map"/>[i] of <paramref name="source"/>.</summary>
    public static TensorData Take(TensorData source, IReadOnlyList<long> dims, long[] map)
    {
        int size = source.ElementType.SizeOf();
        var src = source.Raw.Span;
        var bytes = new byte[map.Length * size];
        for (int i = 0; i < map.Length; i++)
            src.Slice((int)(map[i] * size), size).CopyTo(bytes.AsSpan(i * size, size));
        return new TensorData(source.ElementType, dims, bytes);
    }

    /// <summary>The same elements with other dimensions (the element counts must match).</summary>
    public static TensorData WithDims(TensorData t, IReadOnlyList<long> dims) => new(t.ElementType, dims, t.Raw);

    /// <summary>The numpy-broadcast shape of <paramref name="shapes"/>, or null when they are incompatible.</summary>
    public static long[]? BroadcastShape(params IReadOnlyList<long>[] shapes)
    {
        int rank = shapes.Max(s => s.Count);
        var result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long d = 1;
            foreach (var s in shapes)
            {
                int j = i - (rank - s.Count);
                if (j < 0 || s[j] == 1) continue;
                if (d != 1 && d != s[j]) return null;
                d = s[j];
            }
            result[i] = d;
        }
        return result;
    }

    /// <summary>For every element of <paramref name="outDims"/>, the index of the element of <paramref name="inDims"/> it broadcasts from.</summary>
    public static long[] BroadcastMap(IReadOnlyList<long> inDims, IReadOnlyList<long> outDims)
    {
        int rank = outDims.Count, offset = rank - inDims.Count;
        var inStrides = Strides(inDims);
        var stride = new long[rank];
        for (int i = 0; i < inDims.Count; i++) stride[i + offset] = inDims[i] == 1 ? 0 : inStrides[i];
        return Walk(outDims, stride, 0);
    }

    /// <summary>
    /// The flat source index of every element of <paramref name="dims"/> (row-major), given the source
    /// stride of each output dimension and a base offset.
    /// </summary>
    public static long[] Walk(IReadOnlyList<long> dims, long[] stride, long start)
    {
        long count = Product(dims);
        var map = new long[count];
        int rank = dims.Count;
        var idx = new long[rank];
        long pos = start;
        for (long i = 0; i < count; i++)
        {
            map[i] = pos;
            for (int d = rank - 1; d >= 0; d--)
            {
                pos += stride[d];
                if (++idx[d] < dims[d]) break;
                pos -= stride[d] * idx[d];
                idx[d] = 0;
            }
        }
        return map;
    }

    /// <summary>An axis normalized to 0..rank-1, or null when out of range.</summary>
    public static int? Axis(long axis, int rank)
    {
        long a = axis < 0 ? axis + rank : axis;
        return a >= 0 && a < rank ? (int)a : null;
    }
}
