namespace Lighten.Core.Transforms.Factorize;

/// <summary>
/// What a factorization pass did to one layer: rewrote it, or skipped it, with one line saying which and why
/// (<paramref name="Detail"/>) and, for a rewrite, a short form for a table (<paramref name="Summary"/>).
/// </summary>
internal sealed record LayerOutcome(string Layer, string OpType, bool Changed, string Detail, string Summary = "");
