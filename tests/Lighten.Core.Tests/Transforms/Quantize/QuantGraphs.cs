using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Quantize;
using Lighten.Core.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Core.Tests.Transforms.Quantize;

/// <summary>Small CNN graphs for QDQ placement tests, with seeded weights, and minmax ranges measured in ONNX Runtime.</summary>
internal sealed class QuantGraphs
{
    private readonly GraphBuilder b = new();
    private readonly Random random = new(7);

    public QuantGraphs(long channels = 3, long size = 8)
    {
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, channels, size, size)));
    }

    public string Conv(string input, long cin, long cout, long kernel = 3, long group = 1, string? name = null)
    {
        var w = Weight(name ?? "conv", [cout, cin / group, kernel, kernel]);
        var bias = Weight((name ?? "conv") + "_b", [cout]);
        return Node("Conv", [input, w, bias], name, ("kernel_shape", Ints(kernel, kernel)), ("pads", Ints(kernel / 2, kernel / 2, kernel / 2, kernel / 2)),
            ("group", new IntAttribute(group)));
    }

    public string ConvTranspose(string input, long cin, long cout, string? name = null)
    {
        var w = Weight(name ?? "deconv", [cin, cout, 4, 4]);
        var bias = Weight((name ?? "deconv") + "_b", [cout]);
        return Node("ConvTranspose", [input, w, bias], name, ("kernel_shape", Ints(4, 4)), ("strides", Ints(2, 2)), ("pads", Ints(1, 1, 1, 1)));
    }

    public string Relu(string input, string? name = null) => Node("Relu", [input], name);

    public string Clip6(string input)
    {
        b.SetInitializer("zero", TensorData.FromFloats([], [0f]));
        b.SetInitializer("six", TensorData.FromFloats([], [6f]));
        return Node("Clip", [input, "zero", "six"], null);
    }

    public string Add(string a, string c) => Node("Add", [a, c], null);

    public string Concat(params string[] inputs) => Node("Concat", inputs, null, ("axis", new IntAttribute(1)));

    public string MaxPool(string input) => Node("MaxPool", [input], null, ("kernel_shape", Ints(2, 2)), ("strides", Ints(2, 2)));

    public string Node(string op, string[] inputs, string? name, params (string Name, AttributeValue Value)[] attributes)
    {
        var node = b.AddNode(op, inputs, [b.UniqueName((name ?? op.ToLowerInvariant()) + "_out")],
            attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)), namePrefix: name ?? op.ToLowerInvariant());
        return node.Outputs[0];
    }

    /// <summary>GlobalAveragePool → Flatten → Gemm to 4 classes, the graph output "y".</summary>
    public Graph Head(string input, long channels)
    {
        var pooled = Node("GlobalAveragePool", [input], null);
        var flat = Node("Flatten", [pooled], null, ("axis", new IntAttribute(1)));
        var w = Weight("fc", [4, channels]);
        var bias = Weight("fc_b", [4]);
        b.AddNode("Gemm", [flat, w, bias], ["y"], [KeyValuePair.Create("transB", (AttributeValue)new IntAttribute(1))], namePrefix: "fc");
        return Output("y");
    }

    public Graph Output(string value)
    {
        b.Outputs.Add(new ValueInfo(value, ElementType.Float, null));
        return b.ToGraph() with { Opsets = [new OpsetImport("", 13)] };
    }

    private string Weight(string stem, long[] dims)
    {
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        for (int i = 0; i < values.Length; i++) values[i] = (random.NextSingle() * 2 - 1) * 0.5f;
        var name = b.UniqueName(stem + "_w");
        b.SetInitializer(name, TensorData.FromFloats(dims, values));
        return name;
    }

    private static IntsAttribute Ints(params long[] values) => new([.. values]);

    /// <summary>Minimum and maximum of each tensor over a few seeded random inputs in [-1, 1).</summary>
    public static Dictionary<string, ActivationRange> Ranges(Graph graph, IEnumerable<string> tensors)
    {
        var names = tensors.ToList();
        var probe = graph with { Outputs = [.. names.Select(n => new ValueInfo(n, ElementType.Float, null))] };
        using var session = OrtRunner.Open(OnnxExporter.ToBytes(probe));
        var ranges = new Dictionary<string, ActivationRange>(StringComparer.Ordinal);
        for (int seed = 0; seed < 4; seed++)
        {
            foreach (var (name, t) in OrtRunner.Run(session, OrtRunner.RandomInputs(session, seed)))
            {
                var r = new ActivationRange(t.Values.Min(), t.Values.Max());
                ranges[name] = ranges.TryGetValue(name, out var old) ? old.Union(r) : r;
            }
        }
        return ranges;
    }

    /// <summary>Quantizes <paramref name="graph"/> with measured ranges; checks it validates.</summary>
    public static (Graph Graph, QuantizationPlan Plan) Quantize(Graph graph, QuantizeOptions? options = null)
    {
        var plan = QuantizationPlan.Build(graph, options);
        var result = QuantizeQdq.Run(graph, plan, Ranges(graph, plan.Tensors)).Graph;
        GraphValidator.Validate(result);
        return (result, plan);
    }

    /// <summary>The model ONNX Runtime actually runs after its graph optimizations (QDQ fusion included).</summary>
    public static Graph Optimized(Graph graph)
    {
        var folder = Path.Combine(Path.GetTempPath(), "lighten-qdq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "optimized.onnx");
            using var options = new SessionOptions
            {
                OptimizedModelFilePath = path,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                IntraOpNumThreads = 1,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            };
            using (new InferenceSession(OnnxExporter.ToBytes(graph), options)) { }
            return OnnxImporter.Load(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
