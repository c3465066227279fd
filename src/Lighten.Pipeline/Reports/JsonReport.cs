using System.Text.Json;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Reports;

/// <summary>
/// report.json: the same as report.md for machines — a <c>stages</c> array with every figure (and where the target estimate,
/// the per-layer INT8 timings and the decision's latency came from), every detail line unfolded, the ids of the failed
/// stages, <c>figureSources</c> (measured, counted, estimated, cached) and the requirements with whether each was met and by how much.
/// </summary>
public static class JsonReport
{
    /// <summary>The JSON text of <paramref name="report"/>.</summary>
    public static string Render(PipelineReport report) => JsonSerializer.Serialize(new
    {
        model = report.Model,
        task = report.Task,
        target = report.Target,
        runBy = report.RunBy,
        requirementsMet = report.RequirementsMet,
        requirementsMetAfter = report.RequirementsMetAfter,
        stopWhenMet = report.StopWhenMet,
        finalStage = report.FinalStage,
        finalModel = report.FinalModel,
        failedStages = report.Stages.Where(s => s.Decision == StageDecision.Failed).Select(s => s.Id),
        requested = report.Requirements,
        requirements = report.FinalRequirements.Select(Requirement),
        guards = report.Guards.Select(g => new
        {
            name = g.Name, how = g.How, score = g.Score, rule = g.Rule, bound = g.Bound, met = g.Met(report.BaselineScore), text = g.Describe(report.BaselineScore),
        }),
        figureSources = FigureLegend.Of(report).Select(e => new { figure = e.Figure, origin = e.Origin, how = e.How }),
        stages = report.Stages.Select(s => new
        {
            name = s.Id,
            title = s.Title,
            applied = s.Applied,
            decision = s.Decision,
            reason = s.Reason,
            requirementsFirstMet = s.RequirementsFirstMet,
            artifact = s.Artifact,
            sha256 = s.Sha256,
            accuracy = s.Figures?.Accuracy,
            metric = s.Figures?.Metric,
            initMs = s.Figures?.InitMs,
            medianMs = s.Figures?.MedianMs,
            minMs = s.Figures?.MinMs,
            p90Ms = s.Figures?.P90Ms,
            latencyRatioToBaseline = s.Figures?.BaselineRatio,
            sizeBytes = s.Figures?.SizeBytes,
            macs = s.Figures?.Macs,
            @params = s.Figures?.Params,
            peakMemoryBytes = s.Figures?.PeakMemoryBytes,
            targetEstimateMs = s.Figures?.TargetMs,
            targetEstimateSource = s.Figures?.TargetSource,
            precision = s.Figures?.Precision,
            decisionLatency = s.DecisionLatency is { } d ? new
            {
                basis = d.Basis, currentMs = d.CurrentMs, candidateMs = d.CandidateMs, ratio = d.Ratio, low = d.Low, high = d.High,
                rounds = d.Rounds > 0 ? d.Rounds : (int?)null, text = d.Describe(),
            } : null,
            layerTimings = s.LayerTimings,
            seconds = s.Seconds,
            details = s.Details,
            requirements = s.Requirements.Select(Requirement),
        }),
    }, RunJournal.Json);

    private static object Requirement(RequirementResult r) => new
    {
        name = r.Name,
        limit = r.Limit,
        actual = r.Actual,
        unit = r.Unit,
        atMost = r.AtMost,
        met = r.Met,
        shortfall = r.Shortfall,
        text = r.Describe(),
    };
}
