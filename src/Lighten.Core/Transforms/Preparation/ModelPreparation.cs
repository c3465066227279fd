using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Transforms.Opset;

namespace Lighten.Core.Transforms.Preparation;

/// <summary>
/// The one way a model comes in, for every command and every pipeline stage (as ONNX Runtime's quantization
/// pre-processing does before quantizing): import, fix the input shapes given, upgrade the opset where the caller
/// needs a newer one, and normalize the graph (constant folding, Identity/Dropout removal, shared initializers made
/// private, BatchNorm folding), each as <see cref="PreparationOptions"/> asks. Symbolic dimensions stay symbolic
/// unless fixed: transforms that need sizes bind a copy (<see cref="InputShapes.BindBatch"/>, <see cref="InputShapes.RequireFixed"/>).
/// </summary>
public static class ModelPreparation
{
    /// <summary>Imports <paramref name="path"/> and prepares it; errors about the model name the file.</summary>
    /// <exception cref="LightenException">The file cannot be read, an input shape does not fit, or the opset cannot be upgraded.</exception>
    public static PreparedModel Load(string path, PreparationOptions options)
    {
        var graph = OnnxImporter.Load(path);
        PreparedModel prepared;
        try
        {
            prepared = Run(graph, options with { SizesNeededFor = null });
        }
        catch (LightenException e) when (e is not OptionException)
        {
            throw e.WithFile(path);
        }
        try
        {
            if (options.SizesNeededFor is { } purpose) InputShapes.RequireFixed(prepared.Graph, purpose);
        }
        catch (OptionException e)
        {
            throw e.WithFile(path);
        }
        return prepared;
    }

    /// <summary>Prepares <paramref name="graph"/>.</summary>
    /// <exception cref="OptionException">An input shape names no input or conflicts with the model.</exception>
    /// <exception cref="OpsetUpgradeException">The opset is older than <see cref="PreparationOptions.MinimumOpset"/> and a node cannot be upgraded.</exception>
    public static PreparedModel Run(Graph graph, PreparationOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        var passes = new List<Func<Graph, PassResult>> { g => Shapes(g, options.InputShapes, options.KeepSymbolicBatch) };
        if (options.MinimumOpset is int opset) passes.Add(g => Upgrade(g, opset));
        if (options.Normalize) passes.AddRange([FoldConstants.Run, RemoveIdentity.Run]);
        if (options.PrivatizeInitializers) passes.Add(PrivatizeInitializers.Run);
        if (options.FoldBatchNorm) passes.Add(Cleanup.FoldBatchNorm.Run);
        var result = OptimizeResult.Chain(graph, [.. passes]);
        if (options.SizesNeededFor is { } purpose) InputShapes.RequireFixed(result.Graph, purpose);
        return new PreparedModel(result.Graph, result.Passes);
    }

    private static PassResult Shapes(Graph g, IReadOnlyDictionary<string, long[]> shapes, bool keepSymbolicBatch) => shapes.Count == 0
        ? PassResult.Unchanged(g, nameof(InputShapes))
        : new PassResult(InputShapes.Apply(g, shapes, keepSymbolicBatch), nameof(InputShapes), shapes.Count,
            [.. shapes.Select(kv => $"input '{kv.Key}' fixed to {string.Join("x", kv.Value)}")]);

    private static PassResult Upgrade(Graph g, int opset) =>
        g.OpsetVersion() is var from && (from is 0 || from >= opset) ? PassResult.Unchanged(g, UpgradeOpset.Name) : UpgradeOpset.Run(g, opset);
}
