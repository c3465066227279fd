namespace Lighten.Core.Transforms.Prune;

/// <summary>Keeps some positions of a tensor along one axis, byte-wise, so any element type works.</summary>
internal static class TensorSlicing
{
    /// <summary>The tensor with only the positions <paramref name="keep"/> (in order) of axis <paramref name="axis"/>.</summary>
    public static TensorData Take(TensorData t, int axis, IReadOnlyList<int> keep)
    {
        var dims = t.Dims.ToArray();
        long outer = 1, inner = t.ElementType.SizeOf();
        for (int d = 0; d < axis; d++) outer *= dims[d];
        for (int d = axis + 1; d < dims.Length; d++) inner *= dims[d];
        long length = dims[axis];
        var source = t.Raw.Span;
        var result = new byte[outer * keep.Count * inner];
        long at = 0;
        for (long o = 0; o < outer; o++)
            foreach (var k in keep)
            {
                source.Slice((int)((o * length + k) * inner), (int)inner).CopyTo(result.AsSpan((int)at, (int)inner));
                at += inner;
            }
        dims[axis] = keep.Count;
        return new TensorData(t.ElementType, dims, result);
    }
}
