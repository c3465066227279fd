using Lighten.Core;
using Lighten.Core.Onnx;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Tests.Foreign;

/// <summary>One graph input of a fixture and the concrete shape the tests run it with.</summary>
public sealed record ForeignInput(string Name, long[] RunShape)
{
    /// <summary>The <c>--input-shape</c> value that fixes this input to <see cref="RunShape"/>.</summary>
    public string Spec => $"{Name}={string.Join("x", RunShape)}";
}

/// <summary>
/// A small ONNX model that reproduces what another exporter emits: its name, the exporter and the pattern it carries, how to
/// build it, its inputs with the shapes the tests run them with, and the output shapes ONNX Runtime gives for those.
/// </summary>
public sealed record ForeignFixture(
    string Name,
    string Exporter,
    string Pattern,
    Func<IrGraph> Build,
    ForeignInput[] Inputs,
    long[][] RunOutputShapes)
{
    /// <summary>The graph (built once).</summary>
    public IrGraph Graph => _graph ??= Build();

    private IrGraph? _graph;

    /// <summary>Whether some input declares a non-batch dimension that is symbolic or unknown (height and width left open).</summary>
    public bool HasSymbolicNonBatchDims => Graph.Inputs.Any(i => i.Shape is { } s && s.Dims.Skip(1).Any(d => !d.IsKnown));

    /// <summary>
    /// The <c>--input-shape</c> options to pass: one per input with a symbolic non-batch dimension (the run shape), none for a
    /// model whose only open dimension is the batch.
    /// </summary>
    public string[] InputShapeArgs =>
        [.. Graph.Inputs.Where(i => i.Shape is { } s && s.Dims.Skip(1).Any(d => !d.IsKnown))
            .SelectMany(i => new[] { "--input-shape", Inputs.Single(f => f.Name == i.Name).Spec })];

    /// <summary>Writes the model as <c>{Name}.onnx</c> into <paramref name="directory"/> and returns its path.</summary>
    public string Write(string directory)
    {
        var path = Path.Combine(directory, Name + ".onnx");
        OnnxExporter.Save(Graph, path);
        return path;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// The corpus of foreign patterns: small models, written by C# code, that carry what other exporters emit and Lighten's own
/// models lack (Identity-shared initializers, Constant weights, opset 8/9/11 forms, symbolic height and width, dotted names,
/// HardSigmoid squeeze-excitation, asymmetric strides, dynamic-batch flattening, inference Dropout). Every command should
/// either handle each one or refuse it with one line naming the place.
/// </summary>
public static class ForeignFixtures
{
    /// <summary>Every fixture, in a fixed order.</summary>
    public static IReadOnlyList<ForeignFixture> All { get; } =
    [
        TorchIdentitySharing.SharedBatchNorm,
        TorchIdentitySharing.MobileNetV3Mini,
        SqueezeExcitation.HardSigmoidSe,
        ConstantWeights.KerasStyle,
        LegacyOpsets.Opset8Upsample,
        LegacyOpsets.Opset9Upsample,
        LegacyOpsets.Opset11ClipPad,
        PaddleSymbolic.DetectorUnknownHw,
        PaddleSymbolic.ClassifierDynamicDims,
        AsymmetricStride.TextRecognizer,
        DynamicBatch.ShapeGatherReshape,
        DynamicBatch.FlattenDropout,
    ];

    /// <summary>The fixture named <paramref name="name"/>.</summary>
    public static ForeignFixture Get(string name) =>
        All.SingleOrDefault(f => f.Name == name) ?? throw new ArgumentException($"no foreign fixture named '{name}'", nameof(name));

    /// <summary>The names of every fixture.</summary>
    public static IEnumerable<string> Names => All.Select(f => f.Name);
}
