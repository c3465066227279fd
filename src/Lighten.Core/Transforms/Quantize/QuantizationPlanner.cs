using System.Collections.Immutable;
using Lighten.Core.Transforms.Quantize.Ops;

namespace Lighten.Core.Transforms.Quantize;

/// <summary>Builds a <see cref="QuantizationPlan"/>: anchors, fused activations, pass-through propagation, scale groups.</summary>
internal sealed class QuantizationPlanner
{
    private readonly Graph graph;
    private readonly QuantizeOptions options;
    private readonly Dictionary<string, Node> producer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Node>> consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpQuantizer> anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Fp32Layer> fp32 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> fused = new(StringComparer.Ordinal);
    private readonly HashSet<string> floatOutput = new(StringComparer.Ordinal);
    private readonly HashSet<string> passThrough = new(StringComparer.Ordinal);
    private readonly HashSet<string> tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> parent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivationRange> clamps = new(StringComparer.Ordinal);

    public QuantizationPlanner(Graph graph, QuantizeOptions options)
    {
        this.graph = ShapeInference.Run(graph).Graph;
        this.options = options;
        foreach (var node in this.graph.Nodes)
        {
            foreach (var o in node.Outputs) if (o.Length > 0) producer[o] = node;
            foreach (var i in node.Inputs.Distinct()) if (i.Length > 0) (consumers.TryGetValue(i, out var l) ? l : consumers[i] = []).Add(node);
        }
    }

    public QuantizationPlan Plan()
    {
        FindAnchors();
        PruneLonelyAnchors();
        FuseActivations();
        CollectAnchorTensors();
        PropagatePassThrough();
        return Result();
    }

    private void FindAnchors()
    {
        foreach (var node in graph.Nodes)
        {
            if (QuantizerRegistry.Find(node) is not { Kind: not QuantKind.PassThrough } q) continue;
            if (graph.FindValue(node.Outputs[0])?.ElementType is { } type && type != ElementType.Float && type != ElementType.Undefined) continue;
            if (Refusal(node, q) is { } why) fp32[node.Name] = new Fp32Layer(node.Name, node.OpType, why);
            else anchors[node.Name] = q;
        }
    }

    /// <summary>Why <paramref name="node"/> stays FP32, checking the request, the opset, the op's own rules, the tensors and the target.</summary>
    private string? Refusal(Node node, OpQuantizer q)
    {
        if (options.KeepFp32.Contains(node.Name)) return "kept in FP32 on request";
        long opset = graph.OpsetVersion();
        if (opset < q.MinOpset) return $"opset {opset} has no 8-bit {node.OpType}";
        if (q.Refusal(node, graph) is { } why) return why;
        foreach (var i in q.ActivationInputs(node))
        {
            if (!node.HasInput(i) || graph.FindValue(node.Inputs[i])?.ElementType != ElementType.Float)
                return $"input {i} is not a float32 activation";
            if (graph.Initializers.ContainsKey(node.Inputs[i])) return $"input {i} is a constant, not an activation";
        }
        var outputs = q.ActivationOutputs(node).Select(i => node.Outputs[i]).ToList();
        if (outputs.Any(o => graph.FindValue(o)?.ElementType is not (null or ElementType.Float or ElementType.Undefined)))
            return "its output is not float32";
        if (!options.QuantizeGraphOutputs && !q.FloatOutputAllowed && outputs.Any(graph.IsOutput))
            return "it writes a graph output, which stays float";
        if (!options.QuantizeGraphOutputs && !q.FloatOutputAllowed && outputs.Any(WritesOutputThroughActivation))
            return "it writes a graph output through its activation, which stays float";
        return options.TargetVeto?.Invoke(node);
    }

    private bool WritesOutputThroughActivation(string value) =>
        consumers.GetValueOrDefault(value) is [var act] && ActivationBounds(act, graph.OpsetVersion(), graph) is not null && graph.IsOutput(act.Outputs[0]);

    /// <summary>Elementwise, Concat and pooling anchors pay for their Q/DQ only next to a quantized compute layer.</summary>
    private void PruneLonelyAnchors()
    {
        var compute = anchors.Where(a => a.Value.Kind == QuantKind.Compute).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, q) in anchors.Where(a => a.Value.Kind != QuantKind.Compute).ToList())
        {
            var node = graph.FindNode(name)!;
            bool near = q.ActivationInputs(node).Any(i => Upstream(node.Inputs[i]).Any(n => compute.Contains(n.Name)))
                || node.Outputs.Any(o => Downstream(o).Any(n => compute.Contains(n.Name)));
            if (near) continue;
            anchors.Remove(name);
            fp32[name] = new Fp32Layer(name, node.OpType, "no quantized compute layer next to it");
        }
    }

    /// <summary>The first nodes above <paramref name="value"/> that are not pass-through ops or activations.</summary>
    private IEnumerable<Node> Upstream(string value)
    {
        while (producer.TryGetValue(value, out var p))
        {
            if (!IsTransparent(p)) return [p];
            value = p.Inputs[0];
        }
        return [];
    }

    /// <summary>The first nodes below <paramref name="value"/> that are not pass-through ops or activations.</summary>
    private IEnumerable<Node> Downstream(string value)
    {
        var found = new List<Node>();
        var pending = new Stack<string>([value]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            foreach (var c in consumers.GetValueOrDefault(pending.Pop()) ?? [])
            {
                if (!seen.Add(c.Name)) continue;
                if (!IsTransparent(c)) found.Add(c);
                else foreach (var o in c.Outputs.Where(o => o.Length > 0)) pending.Push(o);
            }
        }
        return found;
    }

    private static bool IsTransparent(Node n) =>
        QuantizerRegistry.Find(n)?.Kind == QuantKind.PassThrough || ActivationBounds(n, 0) is not null;

    /// <summary>Absorbs a Relu or Clip that alone reads a Conv/Gemm/Add/Mul output: the Q goes after it.</summary>
    private void FuseActivations()
    {
        foreach (var (name, q) in anchors)
        {
            if (q.Kind is not (QuantKind.Compute or QuantKind.Binary)) continue;
            var node = graph.FindNode(name)!;
            var output = node.Outputs[0];
            if (graph.IsOutput(output) || consumers.GetValueOrDefault(output) is not [var act]) continue;
            if (ActivationBounds(act, graph.OpsetVersion(), graph) is not { } bounds) continue;
            bool actIsOutput = graph.IsOutput(act.Outputs[0]);
            if (actIsOutput && !options.QuantizeGraphOutputs) continue;
            fused[name] = act;
            clamps[act.Outputs[0]] = bounds;
        }
        foreach (var (name, q) in anchors)
        {
            var node = graph.FindNode(name)!;
            if (q.FloatOutputAllowed && !fused.ContainsKey(name) && graph.IsOutput(node.Outputs[0]) && !options.QuantizeGraphOutputs)
                floatOutput.Add(name);
        }
    }

    /// <summary>The bounds a Relu or a Clip with constant bounds imposes, or null for any other node.</summary>
    internal static ActivationRange? ActivationBounds(Node node, long opset, Graph? graph = null)
    {
        if (node.Domain is not ("" or "ai.onnx")) return null;
        if (node.OpType == "Relu") return new ActivationRange(0, float.PositiveInfinity);
        if (node.OpType != "Clip") return null;
        if (opset is > 0 and < 11) return new ActivationRange(node.GetFloat("min", float.NegativeInfinity), node.GetFloat("max", float.PositiveInfinity));
        if (graph is null) return new ActivationRange(float.NegativeInfinity, float.PositiveInfinity);
        float Bound(int i, float fallback) =>
            !node.HasInput(i) ? fallback
            : graph.Initializers.TryGetValue(node.Inputs[i], out var t) && t.ElementCount == 1 ? t.ToFloatArray()[0] : float.NaN;
        float lo = Bound(1, float.NegativeInfinity), hi = Bound(2, float.PositiveInfinity);
        return float.IsNaN(lo) || float.IsNaN(hi) ? null : new ActivationRange(lo, hi);
    }

    private void CollectAnchorTensors()
    {
        foreach (var (name, q) in anchors)
        {
            var node = graph.FindNode(name)!;
            var inputs = q.ActivationInputs(node).Select(i => node.Inputs[i]).ToList();
            foreach (var i in inputs) Add(i);
            if (Output(name, q, node) is { } output)
            {
                Add(output);
                if (q.Kind == QuantKind.Concat) foreach (var i in inputs) Union(i, output);
            }
        }
    }

    private string? Output(string name, OpQuantizer q, Node node) =>
        floatOutput.Contains(name) ? null : fused.TryGetValue(name, out var act) ? act.Outputs[0] : node.Outputs[q.ActivationOutputs(node).First()];

    /// <summary>Pass-through ops join when their data input or an output is quantized, until nothing changes.</summary>
    private void PropagatePassThrough()
    {
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var node in graph.Nodes)
            {
                if (passThrough.Contains(node.Name) || fp32.ContainsKey(node.Name)) continue;
                if (QuantizerRegistry.Find(node) is not { Kind: QuantKind.PassThrough } q) continue;
                var outputs = q.ActivationOutputs(node).Select(i => node.Outputs[i]).ToList();
                if (!tensors.Contains(node.Inputs[0]) && !outputs.Any(tensors.Contains)) continue;
                if (Refusal(node, q) is { } why)
                {
                    fp32[node.Name] = new Fp32Layer(node.Name, node.OpType, why);
                    continue;
                }
                passThrough.Add(node.Name);
                Add(node.Inputs[0]);
                foreach (var o in outputs)
                {
                    Add(o);
                    Union(node.Inputs[0], o);
                }
                changed = true;
            }
        }
    }

    private void Add(string tensor)
    {
        tensors.Add(tensor);
        parent.TryAdd(tensor, tensor);
    }

    private string Find(string t)
    {
        while (parent[t] != t) t = parent[t] = parent[parent[t]];
        return t;
    }

    private void Union(string a, string b)
    {
        string ra = Find(a), rb = Find(b);
        if (ra == rb) return;
        // The representative is the tensor first in graph order, so names are stable.
        if (Order(ra) <= Order(rb)) parent[rb] = ra;
        else parent[ra] = rb;
    }

    private int Order(string tensor) =>
        producer.TryGetValue(tensor, out var p) ? graph.Index().PositionOf(p) : -1;

    private QuantizationPlan Result()
    {
        var layers = graph.Nodes.Where(n => anchors.ContainsKey(n.Name) || passThrough.Contains(n.Name)).Select(n =>
        {
            var q = QuantizerRegistry.Find(n)!;
            return new PlannedLayer(n.Name, n.OpType, q.Kind, fused.GetValueOrDefault(n.Name)?.Name,
                anchors.ContainsKey(n.Name) ? Output(n.Name, q, n) : n.Outputs[0]);
        });
        var order = graph.Inputs.Select(i => i.Name).Concat(graph.Nodes.SelectMany(n => n.Outputs)).Where(tensors.Contains);
        return new QuantizationPlan([.. layers], [.. graph.Nodes.Where(n => fp32.ContainsKey(n.Name)).Select(n => fp32[n.Name])],
            [.. order], tensors.ToImmutableDictionary(t => t, Find, StringComparer.Ordinal),
            clamps.ToImmutableDictionary(StringComparer.Ordinal), options);
    }
}
