using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace Lighten.Core.Numerics;

/// <summary>
/// The left singular vectors and singular values of a real matrix A (rows × columns): A = U S Vᵀ with U
/// square and orthogonal, singular values in descending order. Truncating to the first r vectors gives the
/// best rank-r approximation U_r (U_rᵀ A) (Eckart–Young); at r = rows, or at any r ≥ rank(A), it is exact.
/// </summary>
/// <remarks>
/// U comes from the symmetric eigendecomposition of the Gram matrix A Aᵀ (rows × rows, MathNet.Numerics),
/// so a wide weight matrix (say 1280 × 4096) costs a rows × rows problem and never forms V. Squaring loses
/// relative accuracy in singular values far below the largest, but U stays orthogonal to machine precision, and
/// callers project A onto it (<see cref="Project"/>) instead of using S Vᵀ, so the full-rank product is exact.
/// </remarks>
public sealed class LeftSingularBasis
{
    private readonly Matrix<double> _u;

    private LeftSingularBasis(Matrix<double> u, ImmutableArray<double> singularValues)
    {
        _u = u;
        SingularValues = singularValues;
    }

    /// <summary>The number of rows of A (and of left singular vectors).</summary>
    public int Rows => _u.RowCount;

    /// <summary>All <see cref="Rows"/> singular values, descending; those beyond the columns of A are zero.</summary>
    public ImmutableArray<double> SingularValues { get; }

    /// <summary>Computes the basis of the row-major matrix <paramref name="a"/> of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static LeftSingularBasis Compute(ReadOnlySpan<double> a, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        CheckLength(a, rows, columns);
        var evd = DenseKernels.Gram(a, rows, columns).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, rows).OrderByDescending(i => evd.EigenValues[i].Real).ThenBy(i => i).ToArray();
        var u = Matrix<double>.Build.Dense(rows, rows, (r, c) => evd.EigenVectors[r, order[c]]);
        // Past min(rows, columns) the rank allows no more: those values are zero, not rounding noise.
        var values = order.Select((i, k) => k < columns ? Math.Sqrt(Math.Max(0, evd.EigenValues[i].Real)) : 0);
        return new LeftSingularBasis(u, [.. values]);
    }

    /// <summary>U_rᵀ as a row-major rank × <see cref="Rows"/> array: row j is the j-th left singular vector.</summary>
    public double[] Basis(int rank)
    {
        CheckRank(rank);
        return _u.SubMatrix(0, Rows, 0, rank).Transpose().ToRowMajorArray();
    }

    /// <summary>U_rᵀ A for a row-major <paramref name="a"/> of <see cref="Rows"/> × <paramref name="columns"/>: rank × columns, row-major.</summary>
    public double[] Project(ReadOnlySpan<double> a, int columns, int rank)
    {
        CheckRank(rank);
        CheckLength(a, Rows, columns);
        return DenseKernels.Times(Basis(rank), rank, Rows, a, columns);
    }

    /// <summary>The smallest rank (≥ 1) whose singular values hold at least <paramref name="energy"/> of Σ s² (0 &lt; energy ≤ 1).</summary>
    public int RankForEnergy(double energy)
    {
        if (!(energy > 0 && energy <= 1)) throw new ArgumentOutOfRangeException(nameof(energy), energy, "energy must be in (0, 1]");
        double total = SingularValues.Sum(s => s * s);
        if (total == 0) return 1;
        double kept = 0;
        for (int r = 0; r < SingularValues.Length; r++)
        {
            kept += SingularValues[r] * SingularValues[r];
            // A relative tolerance keeps rounding from demanding the zero tail at energy 1.
            if (kept >= energy * total * (1 - 1e-12)) return r + 1;
        }
        return SingularValues.Length;
    }

    /// <summary>The share of Σ s² held by the first <paramref name="rank"/> singular values (1 when all are zero).</summary>
    public double EnergyAt(int rank)
    {
        CheckRank(rank);
        double total = SingularValues.Sum(s => s * s);
        return total == 0 ? 1 : SingularValues.Take(rank).Sum(s => s * s) / total;
    }

    private static void CheckLength(ReadOnlySpan<double> a, int rows, int columns)
    {
        if (a.Length != (long)rows * columns)
            throw new ArgumentException($"a {rows} × {columns} matrix needs {(long)rows * columns} elements, got {a.Length}");
    }

    private void CheckRank(int rank)
    {
        if (rank < 1 || rank > Rows) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in [1, {Rows}]");
    }
}
