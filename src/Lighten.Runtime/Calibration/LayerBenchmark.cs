using System.Globalization;
using System.Text;
using Lighten.Core;
using Lighten.Core.Transforms.Quantize;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// Measures whether one layer runs faster in INT8 than in FP32 on this machine, judged inside a quantized chain: a model of
/// that layer alone (same op, attributes, weights and input shape, with its fused Relu/Clip) takes 8-bit input and gives
/// 8-bit output, once as QDQ (fused into an integer kernel) and once as an FP32 island (DQ → FP32 layer → Q, what keeping it
/// FP32 between INT8 neighbors costs). So a depthwise layer is not charged for boundaries its neighbors remove, and a
/// layer is not kept FP32 for a gain its own boundaries would eat. The two alternate over rounds and the lower median of each counts. Results are cached.
/// </summary>
public sealed class LayerBenchmark
{
    private const int Rounds = 3;
    private const double TargetRoundMs = 25;
    private readonly LayerTimingCache? cache;
    private readonly SessionOptionsSpec session;
    private readonly QuantizeOptions quantize;

    /// <summary>Creates a benchmark; a null <paramref name="cache"/> measures every time.</summary>
    public LayerBenchmark(LayerTimingCache? cache, SessionOptionsSpec? session = null, QuantizeOptions? quantize = null)
    {
        this.cache = cache;
        this.session = session ?? new SessionOptionsSpec();
        this.quantize = (quantize ?? new QuantizeOptions()) with { QuantizeGraphOutputs = true, KeepFp32 = new HashSet<string>(), TargetVeto = null };
    }

    /// <summary>Layers measured in this benchmark's life.</summary>
    public int Measured { get; private set; }

    /// <summary>Layers answered from the cache file: timed before this run or stage opened the cache.</summary>
    public int CacheHits { get; private set; }

    /// <summary>
    /// Layers with the same op, attributes and shapes as a layer measured earlier in this cache's life (a ResNet stage's
    /// repeated blocks): given that measurement, not timed again and not counted in <see cref="Measured"/>.
    /// </summary>
    public int Reused { get; private set; }

    /// <summary>
    /// The FP32 and INT8 latency of <paramref name="layer"/> (with <paramref name="activation"/> after it, if any) of
    /// <paramref name="graph"/>, whose shapes must be inferred at batch 1; null when the layer's input shape is not fully known.
    /// </summary>
    public LayerTiming? Measure(Graph graph, Node layer, Node? activation) => Measure(graph, layer, activation, subPixel: false);

    /// <summary>
    /// The FP32 latency of a ConvTranspose (with its activation) against its INT8 latency once rewritten as a sub-pixel
    /// convolution (<see cref="RewriteConvTranspose"/>); null when the input shape is not fully known or the layer is not eligible.
    /// </summary>
    public LayerTiming? MeasureSubPixel(Graph graph, Node deconvolution, Node? activation) =>
        RewriteConvTranspose.CanRewrite(deconvolution, graph) ? Measure(graph, deconvolution, activation, subPixel: true) : null;

    private LayerTiming? Measure(Graph graph, Node layer, Node? activation, bool subPixel)
    {
        if (graph.FindValue(layer.Inputs[0])?.Shape is not { IsFullyKnown: true } shape) return null;
        var key = Key(graph, layer, activation, shape) + (subPixel ? "|subpixel" : "");
        if (cache is not null && cache.TryGet(key, out var cached))
        {
            if (cache.ReadFromFile(key)) CacheHits++;
            else Reused++;
            return cached;
        }
        var (fp32, int8) = Models(graph, layer, activation, shape, subPixel);
        using var a = TemporaryModel.Write(fp32, "fp32");
        using var b = TemporaryModel.Write(int8, "int8");
        using var sa = ModelSession.Open(a.Path, session);
        using var sb = ModelSession.Open(b.Path, session);
        int runs = RunsPerRound(sa, sb);
        double fp = double.MaxValue, q = double.MaxValue;
        for (int r = 0; r < Rounds; r++)
        {
            fp = Math.Min(fp, LatencyBenchmark.Measure(sa, 1, runs).LatencyMs.Median);
            q = Math.Min(q, LatencyBenchmark.Measure(sb, 1, runs).LatencyMs.Median);
        }
        var timing = new LayerTiming(fp, q);
        Measured++;
        cache?.Set(key, timing);
        return timing;
    }

    private static int RunsPerRound(ModelSession a, ModelSession b)
    {
        double probe = LatencyBenchmark.Measure(a, 1, 1).LatencyMs.Median + LatencyBenchmark.Measure(b, 1, 1).LatencyMs.Median;
        return (int)Math.Clamp(Math.Ceiling(TargetRoundMs / Math.Max(probe, 1e-3)), 5, 200);
    }

    /// <summary>
    /// The layer as an FP32 island inside a quantized chain (8-bit input → DQ → FP32 layer → Q → 8-bit output: what keeping
    /// it FP32 costs between INT8 neighbors) and in QDQ form with 8-bit input and output. A depthwise layer is timed inside a
    /// real chain, 1×1 Conv → layer → 1×1 Conv, all INT8 or with the layer FP32: ONNX Runtime runs an all-integer chain in
    /// channels-last layout and an FP32 island in the middle costs layout changes a lone layer does not show.
    /// </summary>
    internal (Graph Fp32, Graph Int8) Models(Graph graph, Node layer, Node? activation, TensorShape shape, bool subPixel = false)
    {
        var fp32 = SingleLayer(graph, layer, activation, shape);
        var source = subPixel ? RewriteConvTranspose.Run(fp32).Pass.Graph : fp32;
        if (!IsDepthwise(layer, graph)) return (Island(fp32), Quantized(source, null));
        var chain = Chain(source, shape[1].Value!.Value, graph.Initializers[layer.Inputs[1]].Dims[0]);
        return (Quantized(chain, layer.Name), Quantized(chain, null));
    }

    /// <summary>Whether <paramref name="layer"/> is a depthwise Conv (one group per input channel).</summary>
    internal static bool IsDepthwise(Node layer, Graph graph) =>
        layer.OpType == "Conv" && layer.GetInt("group", 1) is var g && g > 1 && graph.FindValue(layer.Inputs[0])?.Shape?[1].Value == g;

    /// <summary>The QDQ form of <paramref name="model"/> (every layer INT8 but <paramref name="fp32Layer"/>), with 8-bit input and output.</summary>
    private Graph Quantized(Graph model, string? fp32Layer)
    {
        var options = fp32Layer is null ? quantize : quantize with { KeepFp32 = new HashSet<string>(StringComparer.Ordinal) { fp32Layer } };
        var plan = QuantizationPlan.Build(model, options);
        // The values do not change the time of an 8-bit kernel; a non-negative range keeps any ReLU after it fused.
        var ranges = plan.Tensors.ToDictionary(t => t, _ => new ActivationRange(0, 3), StringComparer.Ordinal);
        return StripBoundaries(QuantizeQdq.Run(model, plan, ranges).Graph);
    }

    /// <summary>The layer alone: float input "x" → layer → activation → "y".</summary>
    internal static Graph SingleLayer(Graph graph, Node layer, Node? activation, TensorShape shape)
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, shape));
        foreach (var w in layer.Inputs.Skip(1).Where(graph.Initializers.ContainsKey)) b.SetInitializer(w, graph.Initializers[w]);
        string raw = activation is null ? "y" : "y_linear";
        b.AddNode(layer with { Inputs = [.. layer.Inputs.Select((n, i) => i == 0 ? "x" : n)], Outputs = [raw] });
        if (activation is not null)
        {
            foreach (var w in activation.Inputs.Skip(1).Where(graph.Initializers.ContainsKey)) b.SetInitializer(w, graph.Initializers[w]);
            b.AddNode(activation with { Inputs = [raw, .. activation.Inputs.Skip(1)], Outputs = ["y"] });
        }
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        return b.ToGraph() with { Opsets = graph.Opsets, Name = layer.Name };
    }

    /// <summary>The layer between two 1×1 Conv+ReLU layers of its input and output channels: "x" → pre → layer → post → "y".</summary>
    private static Graph Chain(Graph layer, long inChannels, long outChannels)
    {
        var b = new GraphBuilder(layer);
        var random = new Random(1);
        TensorData Weights(long c) => TensorData.FromFloats([c, c, 1, 1], [.. Enumerable.Range(0, (int)(c * c)).Select(_ => random.NextSingle() - 0.5f)]);
        b.SetInitializer("chain_pre_w", Weights(inChannels));
        b.SetInitializer("chain_post_w", Weights(outChannels));
        for (int i = 0; i < b.Nodes.Count; i++)
            b.Nodes[i] = b.Nodes[i] with { Inputs = [.. b.Nodes[i].Inputs.Select(n => n == "x" ? "x_mid" : n)], Outputs = [.. b.Nodes[i].Outputs.Select(n => n == "y" ? "y_mid" : n)] };
        b.AddNode(new Node("chain_pre", "Conv", ["x", "chain_pre_w"], ["x_pre"]));
        b.AddNode(new Node("chain_pre_relu", "Relu", ["x_pre"], ["x_mid"]));
        b.AddNode(new Node("chain_post", "Conv", ["y_mid", "chain_post_w"], ["y_post"]));
        b.AddNode(new Node("chain_post_relu", "Relu", ["y_post"], ["y"]));
        return b.ToGraph();
    }

    /// <summary>Wraps the FP32 layer between a DequantizeLinear of 8-bit input and a QuantizeLinear to 8-bit output.</summary>
    private Graph Island(Graph fp32)
    {
        var b = new GraphBuilder(fp32);
        var p = QuantParams.ForRange(0, 3, quantize.ActivationType);
        b.SetInitializer("island_scale", TensorData.FromFloats([], [p.Scale]));
        b.SetInitializer("island_zero_point", quantize.ActivationType == ElementType.Int8
            ? TensorData.FromInt8s([], [(sbyte)p.ZeroPoint]) : TensorData.FromUInt8s([], [(byte)p.ZeroPoint]));
        b.Inputs[0] = new ValueInfo("x_quantized", quantize.ActivationType, fp32.Inputs[0].Shape);
        // One scale per channel, as QuantizeQdq writes FP32 islands, so ONNX Runtime does not quantize the layer's weights itself.
        long channels = fp32.Inputs[0].Shape![1].Value!.Value;
        b.SetInitializer("island_input_scale", TensorData.FromFloats([channels], [.. Enumerable.Repeat(p.Scale, (int)channels)]));
        b.SetInitializer("island_input_zero_point", quantize.ActivationType == ElementType.Int8
            ? TensorData.FromInt8s([channels], [.. Enumerable.Repeat((sbyte)p.ZeroPoint, (int)channels)])
            : TensorData.FromUInt8s([channels], [.. Enumerable.Repeat((byte)p.ZeroPoint, (int)channels)]));
        b.AddNode("DequantizeLinear", ["x_quantized", "island_input_scale", "island_input_zero_point"], ["x"],
            [KeyValuePair.Create("axis", (AttributeValue)new IntAttribute(1))]);
        var output = b.Nodes.Single(n => n.Outputs.Contains("y"));
        b.ReplaceNode(output with { Outputs = [.. output.Outputs.Select(o => o == "y" ? "y_float" : o)] });
        b.AddNode("QuantizeLinear", ["y_float", "island_scale", "island_zero_point"], ["y_quantized"]);
        b.Outputs[0] = new ValueInfo("y_quantized", quantize.ActivationType, null);
        return b.ToGraph();
    }

    /// <summary>Feeds the model 8-bit data and returns 8-bit data: drops the Q of the input and the DQ of the output.</summary>
    private Graph StripBoundaries(Graph g)
    {
        var b = new GraphBuilder(g);
        var q = b.Nodes.Single(n => n.OpType == "QuantizeLinear" && n.Inputs[0] == "x");
        var dq = b.Nodes.Single(n => n.OpType == "DequantizeLinear" && n.Outputs[0] == "y");
        b.RemoveNode(q.Name);
        b.RemoveNode(dq.Name);
        b.Inputs[0] = new ValueInfo(q.Outputs[0], quantize.ActivationType, g.Inputs[0].Shape);
        b.Outputs[0] = new ValueInfo(dq.Inputs[0], quantize.ActivationType, null);
        return b.ToGraph();
    }

    /// <summary>What decides the time of a layer: op, attributes, input and weight shapes, activation, types, threads and ONNX Runtime.</summary>
    internal string Key(Graph graph, Node layer, Node? activation, TensorShape shape)
    {
        var key = new StringBuilder();
        // The first field versions how the single-layer models are built, so a change of method never reuses old figures.
        key.Append("m5|").Append(OrtEnv.Instance().GetVersionString()).Append("|t").Append(session.Threads).Append('|').Append(quantize.ActivationType)
            .Append(quantize.PerChannel ? "|pc|" : "|pt|").Append(layer.OpType).Append('|').Append(shape);
        foreach (var w in layer.Inputs.Skip(1)) key.Append('|').Append(graph.FindValue(w)?.Shape?.ToString() ?? "-");
        foreach (var (name, value) in layer.Attributes) key.Append('|').Append(name).Append('=').Append(Format(value));
        if (activation is not null)
        {
            key.Append("|+").Append(activation.OpType);
            foreach (var w in activation.Inputs.Skip(1).Where(graph.Initializers.ContainsKey))
                key.Append(':').Append(graph.Initializers[w].ToFloatArray()[0].ToString(CultureInfo.InvariantCulture));
        }
        return key.ToString();
    }

    private static string Format(AttributeValue value) => value switch
    {
        IntAttribute i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatAttribute f => f.Value.ToString(CultureInfo.InvariantCulture),
        StringAttribute s => s.Value,
        IntsAttribute l => string.Join(",", l.Values),
        FloatsAttribute l => string.Join(",", l.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))),
        _ => value.GetType().Name,
    };
}
