using System.Collections.Immutable;
using System.Diagnostics;
using Lighten.Core;
using Lighten.Core.Transforms;
using Lighten.Core.Transforms.Opset;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// Post-training INT8 quantization from start to finish: fold BatchNormalization and constants; calibrate the activations
/// the target can run in INT8; keep in FP32 the layers INT8 does not make faster (measured on the host, from the profile
/// elsewhere); optionally correct biases; write the QDQ graph; and, with an accuracy target, keep the layers with the lowest
/// SQNR in FP32 until the metric's drop is within the target.
/// </summary>
public static class PostTrainingQuantizer
{
    /// <summary>
    /// The graph prepared for QDQ (<see cref="PreparationOptions.Quantization"/>): at opset 13 when it is older, since
    /// QuantizeLinear needs opset 10 and per-channel weights (an <c>axis</c> on DequantizeLinear) 13, normalized and
    /// with BatchNorm folded. A graph the upgrade cannot convert keeps its opset when it is 10 or later (weights then per
    /// tensor); below 10 the upgrade's error names the node it stops at.
    /// </summary>
    /// <exception cref="OpsetUpgradeException">The graph is older than opset 10 and a node cannot be upgraded.</exception>
    public static Graph Prepare(Graph graph)
    {
        try
        {
            return ModelPreparation.Run(graph, PreparationOptions.Quantization).Graph;
        }
        catch (OpsetUpgradeException) when (graph.OpsetVersion() >= 10)
        {
            return ModelPreparation.Run(graph, PreparationOptions.Quantization with { MinimumOpset = null }).Graph;
        }
    }

    /// <summary>Quantizes <paramref name="graph"/> (one float image input) calibrating on <paramref name="source"/>.</summary>
    /// <exception cref="SessionException">ONNX Runtime refuses or fails to run a model.</exception>
    /// <exception cref="Lighten.Data.DataException">A calibration image cannot be read or does not fit the model.</exception>
    public static PtqResult Run(Graph graph, CalibrationSource source, PtqOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PtqOptions();
        var clock = Stopwatch.StartNew();
        var calibrator = Calibrator.For(options.Method, options.Percentile);
        var prepared = Prepare(graph);
        string? Support(Node n) => options.Int8Supported is null || options.Int8Supported(n) ? null : $"target '{options.TargetName}' has no INT8 {n.OpType}";
        var typed = ShapeInference.Run(prepared).Graph;
        bool SubPixelCandidate(Node n) => options.SubPixelDeconvolutions && n.OpType == "ConvTranspose" && RewriteConvTranspose.CanRewrite(n, typed)
            && (options.Int8Supported is null || options.Int8Supported(n with { OpType = "Conv" }));
        // A ConvTranspose that may become a sub-pixel Conv is calibrated as if quantized, so its tensors have ranges either way.
        var basePlan = QuantizationPlan.Build(prepared, options.Quantize with { TargetVeto = n => SubPixelCandidate(n) ? null : Support(n) });

        var means = options.BiasCorrection
            ? basePlan.ComputeLayers.Select(l => prepared.FindNode(l.Node)!.Inputs[0]).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        // The activation a sub-pixel rewrite moves onto each phase feeds the phases' Concat: its output needs a range too.
        var calibrated = basePlan.Tensors.Union(prepared.Nodes.Where(SubPixelCandidate).Select(n => RewriteConvTranspose.FinalTensor(n, prepared))).ToImmutableArray();
        var statistics = ActivationCollector.Collect(prepared, calibrated, source, new CollectionOptions
        {
            HistogramBins = options.Method.NeedsHistogram() ? Histogram.DefaultBins : 0,
            ChannelMeans = means,
            Session = options.Session,
            Progress = options.Progress is null ? null : (done, total) => options.Progress("calibrating", done, total),
        }, cancellationToken);
        var ranges = statistics.Ranges(calibrator, options.Quantize.ActivationType);

        var batch1 = options.Benchmark is null && options.Estimates is null ? null : ShapeInference.Run(InputShapes.RequireFixed(prepared, "timing layers")).Graph;
        var timings = Benchmark(batch1, basePlan, options, cancellationToken);
        var subPixel = ChooseSubPixel(prepared, batch1, basePlan, options, timings, SubPixelCandidate, Support);
        var rewrite = RewriteConvTranspose.Run(prepared, n => subPixel.ContainsKey(n.Name));
        ranges = ranges.SetItems(rewrite.SameValues.Where(kv => ranges.ContainsKey(kv.Value)).Select(kv => KeyValuePair.Create(kv.Key, ranges[kv.Value])));
        // The sub-pixel group's timing is reported on its first Conv.
        foreach (var (deconv, convs) in rewrite.Rewritten) if (subPixel[deconv] is { } t) timings[convs[0]] = t;
        string? Veto(Node n) => Support(n)
            ?? (options.Benchmark is not null && n.OpType == "ConvTranspose" ? "ONNX Runtime's CPU has no integer ConvTranspose (its QDQ form runs in FP32)" : null)
            ?? (timings.TryGetValue(n.Name, out var t) && !t.Int8Faster ? $"INT8 not faster {Where(options)}" : null);
        var quantize = options.Quantize with { TargetVeto = Veto };

        var work = rewrite.Pass.Graph;
        int corrected = 0;
        if (options.BiasCorrection)
        {
            var channelMeans = statistics.Tensors.Values.Where(s => s.ChannelMeans is not null).ToDictionary(s => s.Name, s => s.ChannelMeans!, StringComparer.Ordinal);
            var correction = CorrectBias.Run(work, QuantizationPlan.Build(work, quantize), ranges, channelMeans);
            work = correction.Graph;
            corrected = correction.Changes;
        }

        var plan = QuantizationPlan.Build(work, quantize);
        ImmutableDictionary<string, double> sqnr = ImmutableDictionary<string, double>.Empty;
        if (options.Sensitivity || options.Accuracy is not null)
        {
            options.Progress?.Invoke("measuring sensitivity", 0, 1);
            sqnr = SensitivityAnalysis.Measure(work, plan, ranges, source, options.SensitivitySamples, options.Session, cancellationToken);
        }
        var result = QuantizeQdq.Run(work, plan, ranges);
        AccuracyOutcome? accuracy = null;
        if (options.Accuracy is { } target)
            (result, plan, accuracy) = Fallback(prepared, work, quantize, ranges, plan, result, sqnr, target, options.Progress);

        var layers = Report(work, plan, timings, sqnr);
        return new PtqResult(result.Graph, result, layers, statistics, options.Method, options.TargetName,
            options.Benchmark?.Measured ?? 0, options.Benchmark?.CacheHits ?? 0, options.Benchmark?.Reused ?? 0, corrected, rewrite.Rewritten, accuracy, clock.Elapsed)
        {
            TimingSource = options.Benchmark is not null ? "measured on this host"
                : options.Estimates is { } e ? $"estimated from the {e.Target.Name} profile" : null,
        };
    }

    /// <summary>"on this host" or "on target 'T' (estimated)".</summary>
    private static string Where(PtqOptions options) =>
        options.Benchmark is not null ? "on this host" : $"on target '{options.TargetName}' (estimated)";

    /// <summary>Each compute layer's FP32 and INT8 latency on this host, or estimated on the target (empty with neither).</summary>
    private static Dictionary<string, LayerTiming> Benchmark(Graph? batch1, QuantizationPlan plan, PtqOptions options, CancellationToken token)
    {
        var timings = new Dictionary<string, LayerTiming>(StringComparer.Ordinal);
        if (batch1 is null || (options.Benchmark is null && options.Estimates is null)) return timings;
        var layers = plan.ComputeLayers.ToList();
        for (int i = 0; i < layers.Count; i++)
        {
            token.ThrowIfCancellationRequested();
            options.Progress?.Invoke("timing layers", i, layers.Count);
            var node = batch1.FindNode(layers[i].Node)!;
            var act = layers[i].FusedActivation is { } a ? batch1.FindNode(a) : null;
            var timing = options.Benchmark is { } bench ? bench.Measure(batch1, node, act) : options.Estimates!.Estimate(batch1, node, act);
            if (timing is not null) timings[node.Name] = timing;
        }
        options.Progress?.Invoke("timing layers", layers.Count, layers.Count);
        return timings;
    }

    /// <summary>
    /// The ConvTranspose layers to run as sub-pixel Convs, with their timing when measured or estimated. On the host: those whose INT8
    /// sub-pixel form beats their FP32 time (ONNX Runtime's CPU runs a QDQ ConvTranspose in FP32, so that is the alternative).
    /// With a profile's estimates: those whose INT8 sub-pixel form is estimated faster than the layer as it runs otherwise.
    /// Elsewhere: those the target cannot run in INT8 as they are (with no profile, ONNX Runtime's CPU rules apply: it has no integer ConvTranspose).
    /// </summary>
    private static Dictionary<string, LayerTiming?> ChooseSubPixel(Graph prepared, Graph? batch1, QuantizationPlan plan, PtqOptions options,
        Dictionary<string, LayerTiming> timings, Func<Node, bool> candidate, Func<Node, string?> support)
    {
        var chosen = new Dictionary<string, LayerTiming?>(StringComparer.Ordinal);
        foreach (var node in prepared.Nodes.Where(candidate))
        {
            if (batch1 is not null && (options.Benchmark is not null || options.Estimates is not null))
            {
                var layer = batch1.FindNode(node.Name)!;
                var act = plan.Layers.FirstOrDefault(l => l.Node == node.Name)?.FusedActivation is { } a ? batch1.FindNode(a) : null;
                var timing = options.Benchmark is { } bench ? bench.MeasureSubPixel(batch1, layer, act) : options.Estimates!.SubPixel(batch1, layer, act);
                if (timing is { Int8Faster: true }) chosen[node.Name] = timing;
            }
            else if (options.Int8Supported is null || support(node) is not null)
            {
                chosen[node.Name] = null;
            }
        }
        return chosen;
    }

    /// <summary>Keeps the least faithful layers FP32, 1, 2, 4... more at a time, until the metric's drop is within the target.</summary>
    private static (PassResult, QuantizationPlan, AccuracyOutcome) Fallback(Graph reference, Graph work, QuantizeOptions quantize,
        IReadOnlyDictionary<string, ActivationRange> ranges, QuantizationPlan plan, PassResult result, ImmutableDictionary<string, double> sqnr,
        AccuracyTarget target, Action<string, int, int>? progress)
    {
        var baseline = Score(reference, target);
        var score = Score(result.Graph, target);
        int evaluations = 1;
        var order = plan.ComputeLayers.Select(l => l.Node).OrderBy(n => sqnr.GetValueOrDefault(n, SensitivityAnalysis.MaxDb)).ToList();
        var kept = new List<string>();
        for (int step = 1; (baseline.Value - score.Value) * 100 > target.MaxDrop + 1e-9 && kept.Count < order.Count; step *= 2)
        {
            progress?.Invoke("keeping sensitive layers FP32", kept.Count, order.Count);
            kept.AddRange(order.Skip(kept.Count).Take(step));
            plan = QuantizationPlan.Build(work, quantize with { KeepFp32 = kept.ToHashSet(StringComparer.Ordinal) });
            result = QuantizeQdq.Run(work, plan, ranges);
            score = Score(result.Graph, target);
            evaluations++;
        }
        return (result, plan, new AccuracyOutcome(baseline.Name, baseline.Value, score.Value, target.MaxDrop, evaluations, kept));
    }

    private static Metric Score(Graph graph, AccuracyTarget target)
    {
        using var model = TemporaryModel.Write(graph, "candidate");
        return target.Evaluate(model.Path);
    }

    private static ImmutableArray<LayerReport> Report(Graph work, QuantizationPlan plan, Dictionary<string, LayerTiming> timings, ImmutableDictionary<string, double> sqnr)
    {
        var int8 = plan.ComputeLayers.Select(l => l.Node).ToHashSet(StringComparer.Ordinal);
        var fp32 = plan.Fp32Layers.ToDictionary(l => l.Node, l => l.Reason, StringComparer.Ordinal);
        return [.. work.Nodes.Where(n => n.OpType is "Conv" or "ConvTranspose" or "Gemm" or "MatMul" && (int8.Contains(n.Name) || fp32.ContainsKey(n.Name)))
            .Select(n => new LayerReport(n.Name, n.OpType, int8.Contains(n.Name), fp32.GetValueOrDefault(n.Name),
                timings.GetValueOrDefault(n.Name), sqnr.TryGetValue(n.Name, out var db) ? db : null))];
    }
}
