using System.Collections.Immutable;

namespace Lighten.Pipeline.Backbone;

/// <summary>The result of <see cref="BackboneSearch.Run"/>: every candidate's figures beside the original's, and the best one's artifact.</summary>
/// <param name="Baseline">The original model measured the same way (its metric only with data).</param>
/// <param name="Candidates">Every candidate in the order given, tried or skipped with the reason.</param>
/// <param name="Best">The candidate kept: the highest validation metric when trained, else the lowest latency; null when none was tried.</param>
/// <param name="OutputPath">Where the best candidate's model was written; null when none was tried.</param>
/// <param name="CandidateDirectory">The folder holding every tried candidate's model (and training checkpoints).</param>
public sealed record BackboneSearchResult(
    CandidateOutcome Baseline,
    ImmutableArray<CandidateOutcome> Candidates,
    CandidateOutcome? Best,
    string? OutputPath,
    string CandidateDirectory);
