namespace Lighten.Data.Metrics;

/// <summary>What a PCK distance threshold is relative to.</summary>
public enum PckNormalization
{
    /// <summary>MPII's head size: 0.6 x the diagonal of the head box (PCKh, usually at 0.5).</summary>
    HeadSize,

    /// <summary>The longer side of the person box (PCK, usually at 0.2).</summary>
    BoxSize,
}
