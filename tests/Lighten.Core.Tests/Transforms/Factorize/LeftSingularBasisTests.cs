using Lighten.Core.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Lighten.Core.Tests.Transforms.Factorize;

public class LeftSingularBasisTests
{
    private static double[] RandomMatrix(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble() * 2 - 1)];
    }

    /// <summary>U_r (U_rᵀ A), row-major.</summary>
    private static Matrix<double> Reconstruct(LeftSingularBasis basis, double[] a, int columns, int rank)
    {
        var ut = Matrix<double>.Build.DenseOfRowMajor(rank, basis.Rows, basis.Basis(rank));
        var projected = Matrix<double>.Build.DenseOfRowMajor(rank, columns, basis.Project(a, columns, rank));
        return ut.TransposeThisAndMultiply(projected);
    }

    public static TheoryData<int, int> Shapes => new() { { 1, 1 }, { 1, 7 }, { 7, 1 }, { 5, 5 }, { 6, 40 }, { 40, 6 }, { 32, 144 }, { 64, 64 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FullRankReconstructsTheMatrix(int rows, int columns)
    {
        var a = RandomMatrix(rows, columns, seed: rows * 100 + columns);
        var basis = LeftSingularBasis.Compute(a, rows, columns);
        var back = Reconstruct(basis, a, columns, rows);
        var original = Matrix<double>.Build.DenseOfRowMajor(rows, columns, a);
        Assert.True((back - original).FrobeniusNorm() < 1e-10 * Math.Max(1, original.FrobeniusNorm()));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BasisIsOrthonormal(int rows, int columns)
    {
        var basis = LeftSingularBasis.Compute(RandomMatrix(rows, columns, seed: 3), rows, columns);
        var ut = Matrix<double>.Build.DenseOfRowMajor(rows, rows, basis.Basis(rows));
        var identity = Matrix<double>.Build.DenseIdentity(rows);
        Assert.True((ut * ut.Transpose() - identity).FrobeniusNorm() < 1e-10);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SingularValuesMatchAFullSvdAndDescend(int rows, int columns)
    {
        var a = RandomMatrix(rows, columns, seed: 11);
        var basis = LeftSingularBasis.Compute(a, rows, columns);
        var reference = Matrix<double>.Build.DenseOfRowMajor(rows, columns, a).Svd(computeVectors: false).S.ToArray();
        Assert.Equal(rows, basis.SingularValues.Length);
        for (int i = 0; i < rows; i++)
            Assert.Equal(i < reference.Length ? reference[i] : 0, basis.SingularValues[i], 1e-7);
        Assert.True(basis.SingularValues.Zip(basis.SingularValues.Skip(1)).All(p => p.First >= p.Second));
    }

    [Theory]
    [InlineData(12, 30)]
    [InlineData(30, 12)]
    public void TruncationErrorIsTheTailOfTheSingularValues(int rows, int columns)
    {
        // Eckart–Young: ‖A − A_r‖_F² = Σ_{j ≥ r} s_j², so the error falls with the rank.
        var a = RandomMatrix(rows, columns, seed: 5);
        var basis = LeftSingularBasis.Compute(a, rows, columns);
        var original = Matrix<double>.Build.DenseOfRowMajor(rows, columns, a);
        double previous = double.PositiveInfinity;
        for (int r = 1; r <= rows; r++)
        {
            double error = (Reconstruct(basis, a, columns, r) - original).FrobeniusNorm();
            double tail = Math.Sqrt(basis.SingularValues.Skip(r).Sum(s => s * s));
            Assert.Equal(tail, error, 1e-8);
            Assert.True(error < previous || error < 1e-10, $"rank {r}: error {error} after {previous}");
            previous = error;
        }
    }

    [Fact]
    public void KnownMatrixHasKnownVectors()
    {
        // diag(1, 3) with a zero third column: singular values 3, 1; the first left vector is ±e2.
        double[] a = [1, 0, 0, 0, 3, 0];
        var basis = LeftSingularBasis.Compute(a, 2, 3);
        Assert.Equal([3.0, 1.0], basis.SingularValues.Select(s => Math.Round(s, 12)));
        var first = basis.Basis(1);
        Assert.Equal(0, first[0], 12);
        Assert.Equal(1, Math.Abs(first[1]), 12);
        Assert.Equal([0.0, 3, 0], basis.Project(a, 3, 1).Select(v => Math.Round(v * Math.Sign(first[1]), 12)));
    }

    [Fact]
    public void RankForEnergyCountsSquares()
    {
        // Singular values 3, 2, 1: squares 9, 4, 1 of 14.
        double[] a = [3, 0, 0, 0, 2, 0, 0, 0, 1];
        var basis = LeftSingularBasis.Compute(a, 3, 3);
        Assert.Equal(1, basis.RankForEnergy(9.0 / 14));
        Assert.Equal(2, basis.RankForEnergy(9.5 / 14));
        Assert.Equal(2, basis.RankForEnergy(13.0 / 14));
        Assert.Equal(3, basis.RankForEnergy(1));
        Assert.Equal(13.0 / 14, basis.EnergyAt(2), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => basis.RankForEnergy(0));
    }

    [Fact]
    public void ZeroAndRankDeficientMatricesStillGiveAnOrthonormalBasis()
    {
        var zero = LeftSingularBasis.Compute(new double[12], 4, 3);
        Assert.All(zero.SingularValues, s => Assert.Equal(0, s, 12));
        Assert.Equal(1, zero.RankForEnergy(0.9));
        // Rank 1: every row a multiple of the same vector; rank 1 reconstructs it.
        double[] a = [1, 2, 3, 2, 4, 6, -1, -2, -3];
        var basis = LeftSingularBasis.Compute(a, 3, 3);
        Assert.Equal(1, basis.RankForEnergy(1));
        var back = Reconstruct(basis, a, 3, 1);
        Assert.True((back - Matrix<double>.Build.DenseOfRowMajor(3, 3, a)).FrobeniusNorm() < 1e-10);
        var ut = Matrix<double>.Build.DenseOfRowMajor(3, 3, basis.Basis(3));
        Assert.True((ut * ut.Transpose() - Matrix<double>.Build.DenseIdentity(3)).FrobeniusNorm() < 1e-10);
    }
}
