using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>
/// Resampling along one axis by gathering computed source indices, shared by Resize (nearest and linear)
/// and Pad (reflect, edge, wrap): exact for any coordinate rule and differentiable.
/// </summary>
internal static class AxisSampling
{
    /// <summary>The elements of <paramref name="x"/> at <paramref name="indices"/> along <paramref name="axis"/>.</summary>
    public static Tensor Take(Tensor x, int axis, long[] indices)
    {
        using var index = TorchTensors.LongTensor(indices, x.device);
        return x.index_select(axis, index);
    }

    /// <summary>Linear interpolation along <paramref name="axis"/>: x[low]·(1 − w) + x[high]·w for each output position.</summary>
    public static Tensor Lerp(Tensor x, int axis, long[] low, long[] high, float[] weights)
    {
        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[axis] = weights.Length;
        using var w = tensor(weights, shape, x.dtype, x.device);
        using var a = Take(x, axis, low);
        using var b = Take(x, axis, high);
        return a + (b - a) * w;
    }
}
