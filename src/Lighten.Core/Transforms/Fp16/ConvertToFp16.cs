using System.Collections.Immutable;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Core.Transforms.Fp16;

/// <summary>
/// Converts a graph's weights and activations to float16, node by node: a float node runs in FP16 unless the
/// <see cref="Fp16BlockList"/> or <c>--keep-fp32</c> (op types or node names) keeps it FP32; Cast nodes convert values
/// where an FP16 node reads FP32 data and back, and at the model's inputs and outputs, which stay float32 by default.
/// Float32 weights read by FP16 nodes become float16 initializers; values beyond ±65504 are clamped and counted.
/// Inputs that ONNX requires in float32 (Resize's roi and scales, Upsample's scales) stay float32, and QDQ nodes are left alone.
/// </summary>
public static class ConvertToFp16
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(ConvertToFp16);

    /// <summary>Converts <paramref name="graph"/>.</summary>
    public static PassResult Run(Graph graph, Fp16Options? options = null) => RunDetailed(graph, options).Pass;

    /// <summary>Converts <paramref name="graph"/> and reports what was kept, cast and clamped.</summary>
    public static Fp16Conversion RunDetailed(Graph graph, Fp16Options? options = null)
    {
        options ??= new Fp16Options();
        var typed = ShapeInference.Run(graph).Graph;
        var sized = ShapeInference.Run(InputShapes.BindBatch(graph)).Graph;
        bool IsFloat(string v) => v.Length > 0 && typed.FindValue(v)?.ElementType == ElementType.Float;

        var kept = ImmutableArray.CreateBuilder<Fp32Layer>();
        var half = new HashSet<string>(StringComparer.Ordinal);
        var fp16Nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (!node.Inputs.Concat(node.Outputs).Any(IsFloat) || node.OpType is "QuantizeLinear" or "DequantizeLinear") continue;
            var reason = options.KeepFp32.Contains(node.Name) || options.KeepFp32.Contains(node.OpType) ? "kept in FP32 on request"
                : (options.UseBlockList ? Fp16BlockList.Reason(node, sized) : null) ?? options.TargetVeto?.Invoke(node);
            if (reason is not null) kept.Add(new Fp32Layer(node.Name, node.OpType, reason));
            else fp16Nodes.Add(node.Name);
        }

        var b = new GraphBuilder(graph);
        b.Nodes.Clear();
        var converted = new Dictionary<string, string>(StringComparer.Ordinal);
        var casts = new Dictionary<(string, bool), string>();
        long clamped = 0, flushed = 0;
        if (!options.KeepIoFloat32)
        {
            for (int i = 0; i < b.Inputs.Count; i++)
                if (IsFloat(b.Inputs[i].Name)) { b.Inputs[i] = b.Inputs[i] with { ElementType = ElementType.Float16 }; half.Add(b.Inputs[i].Name); }
        }

        string Cast(string value, bool toHalf)
        {
            if (casts.TryGetValue((value, toHalf), out var name)) return name;
            name = b.UniqueName(value + (toHalf ? "_fp16" : "_fp32"));
            b.AddNode("Cast", [value], [name], [KeyValuePair.Create("to", (AttributeValue)new IntAttribute((long)(toHalf ? ElementType.Float16 : ElementType.Float)))],
                namePrefix: value + (toHalf ? "_to_fp16" : "_to_fp32"));
            return casts[(value, toHalf)] = name;
        }

        string HalfWeight(string name)
        {
            if (converted.TryGetValue(name, out var done)) return done;
            var (tensor, c, f) = ToHalf(graph.Initializers[name]);
            clamped += c;
            flushed += f;
            var newName = b.UniqueName(name + "_fp16");
            b.SetInitializer(newName, tensor);
            return converted[name] = newName;
        }

        foreach (var node in graph.Nodes)
        {
            bool fp16 = fp16Nodes.Contains(node.Name);
            var inputs = node.Inputs.ToArray();
            for (int i = 0; i < inputs.Length; i++)
            {
                var v = inputs[i];
                if (!IsFloat(v)) continue;
                bool wantHalf = fp16 && !Float32Only(node, i);
                if (wantHalf && graph.Initializers.ContainsKey(v)) inputs[i] = HalfWeight(v);
                else if (wantHalf != half.Contains(v)) inputs[i] = Cast(v, wantHalf);
            }
            var rewritten = node with { Inputs = [.. inputs] };
            if (fp16)
            {
                foreach (var o in node.Outputs.Where(IsFloat)) half.Add(o);
                rewritten = FixAttributes(rewritten);
            }
            b.AddNode(rewritten);
        }

        for (int i = 0; i < b.Outputs.Count; i++)
        {
            var output = b.Outputs[i];
            if (!half.Contains(output.Name)) continue;
            if (!options.KeepIoFloat32)
            {
                b.Outputs[i] = output with { ElementType = ElementType.Float16 };
                continue;
            }
            var inner = b.UniqueName(output.Name + "_fp16");
            for (int n = 0; n < b.Nodes.Count; n++)
            {
                var node = b.Nodes[n];
                b.Nodes[n] = node with
                {
                    Inputs = [.. node.Inputs.Select(x => x == output.Name ? inner : x)],
                    Outputs = [.. node.Outputs.Select(x => x == output.Name ? inner : x)],
                };
            }
            b.AddNode("Cast", [inner], [output.Name], [KeyValuePair.Create("to", (AttributeValue)new IntAttribute((long)ElementType.Float))], namePrefix: output.Name + "_to_fp32");
            casts[(inner, false)] = output.Name;
        }
        b.ValueInfos.Clear();

        var details = ImmutableArray.CreateBuilder<string>();
        details.Add($"{fp16Nodes.Count} node(s) in FP16, {kept.Count} kept FP32, {casts.Count} Cast(s) inserted");
        foreach (var group in kept.GroupBy(k => k.Reason)) details.Add($"FP32: {string.Join(", ", group.Select(k => k.Node).Take(4))}{(group.Count() > 4 ? ", ..." : "")} ({group.Key})");
        if (clamped > 0) details.Add($"warning: {clamped} weight value(s) beyond ±65504 clamped to the largest float16");
        if (flushed > 0) details.Add($"warning: {flushed} non-zero weight value(s) below float16's smallest became 0");
        return new Fp16Conversion(new PassResult(b.ToGraph(), Name, fp16Nodes.Count, details.ToImmutable()), fp16Nodes.Count, kept.ToImmutable(), casts.Count, clamped, flushed);
    }

    /// <summary>Inputs ONNX defines as float32 whatever the data type: Resize's roi and scales, Upsample's scales.</summary>
    private static bool Float32Only(Node node, int input) =>
        (node.OpType == "Resize" && input is 1 or 2) || (node.OpType == "Upsample" && input == 1);

    /// <summary>Attributes that name float32 as a type or hold a float32 tensor, switched to float16.</summary>
    private static Node FixAttributes(Node node)
    {
        if (node.OpType == "Cast" && node.GetInt("to", 0) == (long)ElementType.Float)
            return node.WithAttribute("to", new IntAttribute((long)ElementType.Float16));
        if (node.OpType == "ConstantOfShape" && node.GetTensor("value") is { ElementType: ElementType.Float } value)
            return node.WithAttribute("value", new TensorAttribute(ToHalf(value).Tensor));
        return node;
    }

    /// <summary>A float16 copy of a float32 tensor, with the number of values clamped to ±65504 and of non-zero values flushed to 0.</summary>
    internal static (TensorData Tensor, long Clamped, long Flushed) ToHalf(TensorData tensor)
    {
        var values = tensor.ToFloatArray();
        var result = new Half[values.Length];
        long clamped = 0, flushed = 0;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (Math.Abs(v) > (float)Half.MaxValue)
            {
                clamped++;
                v = float.IsNaN(v) ? v : Math.Sign(v) * (float)Half.MaxValue;
            }
            result[i] = (Half)v;
            if (v != 0 && result[i] == Half.Zero) flushed++;
        }
        return (TensorData.FromHalves(tensor.Dims, result), clamped, flushed);
    }
}
