using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>What MaxPool and AveragePool share.</summary>
internal static class Pooling
{
    /// <summary>
    /// Drops the extra last window libtorch's ceil mode can produce over an input padded beforehand
    /// (libtorch then cannot tell padding from input), keeping ONNX's output size.
    /// </summary>
    public static Tensor CutToOnnxSize(Tensor y, Window window, long[] input, bool ceil)
    {
        if (!ceil) return y;
        for (int i = 0; i < input.Length; i++)
        {
            long size = window.PoolOutputSize(i, input[i], ceil);
            if (y.shape[2 + i] > size) y = y.narrow(2 + i, 0, size);
        }
        return y;
    }
}
