namespace Lighten.Core.Transforms.Factorize;

/// <summary>What every factorization pass takes.</summary>
public abstract record LayerRewriteOptions
{
    /// <summary>
    /// Leave a layer as it is (with a "skipped" detail) when its factorized form would not cost fewer MACs,
    /// as a full-rank factorization never does. Turn off to check that a full-rank factorization is exact.
    /// </summary>
    public bool RequireFewerMacs { get; init; } = true;
}
