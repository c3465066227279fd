using Lighten.Core.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Lighten.Core.Tests.Transforms.Factorize;

public class DenseKernelsTests
{
    private static double[] RandomArray(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1)];
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(40, 300)] // more than one slab of columns, and enough work to run in parallel
    [InlineData(130, 7)]
    public void GramMatchesMathNet(int rows, int columns)
    {
        var a = RandomArray(rows * columns, seed: rows);
        var m = Matrix<double>.Build.DenseOfRowMajor(rows, columns, a);
        Assert.True((DenseKernels.Gram(a, rows, columns) - m.TransposeAndMultiply(m)).FrobeniusNorm() < 1e-10);
    }

    [Theory]
    [InlineData(2, 3, 5)]
    [InlineData(64, 100, 333)]
    public void ProductMatchesMathNet(int rows, int inner, int columns)
    {
        var b = RandomArray(rows * inner, seed: 1);
        var a = RandomArray(inner * columns, seed: 2);
        var expected = Matrix<double>.Build.DenseOfRowMajor(rows, inner, b) * Matrix<double>.Build.DenseOfRowMajor(inner, columns, a);
        var actual = Matrix<double>.Build.DenseOfRowMajor(rows, columns, DenseKernels.Times(b, rows, inner, a, columns));
        Assert.True((actual - expected).FrobeniusNorm() < 1e-10);
    }
}
