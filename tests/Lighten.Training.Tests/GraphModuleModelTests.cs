using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Training.Tests.Support;

namespace Lighten.Training.Tests;

/// <summary>GraphModule's eval forward matches ONNX Runtime on every test model.</summary>
public class GraphModuleModelTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string, int> ModelsAndBatches()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in OrtRunner.TestModelNames)
            foreach (var batch in new[] { 1, 2 }) data.Add(model, batch);
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndBatches))]
    public void FoldedAtFixedBatchMatchesOrt(string model, int batch)
    {
        var graph = OnnxImporter.Load(OrtRunner.TestModel(model));
        var folded = FoldConstants.Run(InputShapes.BindSymbols(graph, batch)).Graph;
        double diff = ModuleRunner.DiffToOrt(graph, seed: 3, batch, folded);
        Assert.True(diff <= Tolerance, $"{model} at batch {batch}: differs from ONNX Runtime by {diff:g3}");
    }

    [Theory]
    [MemberData(nameof(ModelsAndBatches))]
    public void SymbolicBatchComputesShapesAtRunTime(string model, int batch)
    {
        var graph = OnnxImporter.Load(OrtRunner.TestModel(model));
        double raw = ModuleRunner.DiffToOrt(graph, seed: 4, batch);
        double folded = ModuleRunner.DiffToOrt(graph, seed: 4, batch, FoldConstants.Run(graph).Graph);
        Assert.True(raw <= Tolerance && folded <= Tolerance, $"{model} at batch {batch}: unfolded differs by {raw:g3}, folded by {folded:g3}");
    }
}
