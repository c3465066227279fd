using System.Numerics;
using System.Runtime.InteropServices;
using DenseMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace Lighten.Core.Numerics;

/// <summary>
/// The two dense products the SVD basis needs, on row-major arrays with SIMD dot products and AXPYs over contiguous
/// rows, spread over the cores: MathNet.Numerics' managed products are an order of magnitude slower on the
/// 1280 × 4096 weight of a pose head's first ConvTranspose.
/// </summary>
internal static class DenseKernels
{
    // Columns per pass of the Gram product: a 1280-row slab of 128 doubles (1.3 MB) stays in cache while every pair of rows meets.
    private const int Slab = 128;

    /// <summary>A Aᵀ (rows × rows, symmetric) of a row-major rows × columns matrix.</summary>
    public static DenseMatrix Gram(ReadOnlySpan<double> a, int rows, int columns)
    {
        var copy = a.ToArray();
        var g = new double[rows * rows];
        var options = Options((long)rows * rows * columns);
        for (int start = 0; start < columns; start += Slab)
        {
            int width = Math.Min(Slab, columns - start);
            var slab = new double[rows * width];
            for (int i = 0; i < rows; i++) Array.Copy(copy, (long)i * columns + start, slab, (long)i * width, width);
            Parallel.For(0, rows, options, i =>
            {
                var ri = slab.AsSpan(i * width, width);
                for (int j = 0; j <= i; j++) g[i * rows + j] += Dot(ri, slab.AsSpan(j * width, width));
            });
        }
        return DenseMatrix.Build.Dense(rows, rows, (i, j) => i >= j ? g[i * rows + j] : g[j * rows + i]);
    }

    /// <summary>B A for row-major B (rows × inner) and A (inner × columns): rows × columns, row-major.</summary>
    public static double[] Times(double[] b, int rows, int inner, ReadOnlySpan<double> a, int columns)
    {
        var source = a.ToArray();
        var result = new double[(long)rows * columns];
        Parallel.For(0, rows, Options((long)rows * inner * columns), j =>
        {
            var target = result.AsSpan(j * columns, columns);
            for (int i = 0; i < inner; i++)
                if (b[j * inner + i] is var w && w != 0) Axpy(w, source.AsSpan(i * columns, columns), target);
        });
        return result;
    }

    // Below about a million multiply-adds, handing rows to other threads costs more than it saves.
    private static ParallelOptions Options(long work) => new() { MaxDegreeOfParallelism = work < 1 << 20 ? 1 : -1 };

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
        var sum = Vector<double>.Zero;
        for (int k = 0; k < vx.Length; k++) sum += vx[k] * vy[k];
        double total = Vector.Sum(sum);
        for (int k = vx.Length * Vector<double>.Count; k < x.Length; k++) total += x[k] * y[k];
        return total;
    }

    private static void Axpy(double w, ReadOnlySpan<double> x, Span<double> y)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
        var vw = new Vector<double>(w);
        for (int k = 0; k < vx.Length; k++) vy[k] += vw * vx[k];
        for (int k = vx.Length * Vector<double>.Count; k < x.Length; k++) y[k] += w * x[k];
    }
}
