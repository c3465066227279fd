namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Transpose by the <c>perm</c> attribute (reversed dimensions when absent).</summary>
internal sealed class TransposeKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Transpose"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        int rank = x.Dims.Length;
        var perm = ctx.Node.GetInts("perm") ?? [.. Enumerable.Range(0, rank).Reverse().Select(i => (long)i)];
        if (perm.Length != rank || perm.Order().Where((p, i) => p != i).Any())
            throw ctx.Fail($"Transpose perm [{string.Join(",", perm)}] is not a permutation of rank {rank}");
        var inStrides = TensorOps.Strides(x.Dims);
        var dims = perm.Select(p => x.Dims[(int)p]).ToArray();
        var stride = perm.Select(p => inStrides[p]).ToArray();
        return [TensorOps.Take(x, dims, TensorOps.Walk(dims, stride, 0))];
    }
}
