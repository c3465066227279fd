using Google.Protobuf;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.TestSupport;
using Onnx;

namespace Lighten.Core.Tests.Onnx;

public sealed class OnnxExternalDataTests : IDisposable
{
    private readonly DirectoryInfo _root = TestTemp.CreateSubdirectory("lighten-external-");
    private readonly string _folder;
    private readonly string _model;

    public OnnxExternalDataTests()
    {
        _folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "model")).FullName;
        _model = Path.Combine(_folder, "conv.onnx");
    }

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>x [1,2,5,5] → Conv with 3x3 weights W [3,2,3,3] (216 bytes) and bias B [3] (12 bytes) → y.</summary>
    private static Graph ConvGraph()
    {
        var random = new Random(3);
        float[] weights = [.. Enumerable.Range(0, 3 * 2 * 3 * 3).Select(_ => (float)random.NextDouble() - 0.5f)];
        return new Graph
        {
            Name = "conv",
            Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape([Dim.Sym("batch"), 2, 5, 5]))],
            Outputs = [new ValueInfo("y", ElementType.Float, new TensorShape([Dim.Sym("batch"), 3, 5, 5]))],
            Nodes =
            [
                new Node("conv", "Conv", ["x", "W", "B"], ["y"],
                [
                    new("kernel_shape", new IntsAttribute([3, 3])),
                    new("pads", new IntsAttribute([1, 1, 1, 1])),
                ]),
            ],
            Initializers = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [
                KeyValuePair.Create("W", TensorData.FromFloats([3, 2, 3, 3], weights)),
                KeyValuePair.Create("B", TensorData.FromFloats([3], [0.1f, -0.2f, 0.3f])),
            ]),
        };
    }

    private void SaveWithExternalWeights() =>
        OnnxExporter.Save(ConvGraph(), _model, new OnnxSaveOptions { ExternalDataThreshold = 64 });

    /// <summary>Rewrites the external data entry of W in the saved model.</summary>
    private void EditWeightsEntry(string key, string value)
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_model));
        var weights = proto.Graph.Initializer.Single(t => t.Name == "W");
        weights.ExternalData.Single(e => e.Key == key).Value = value;
        File.WriteAllBytes(_model, proto.ToByteArray());
    }

    private ModelFormatException LoadFails()
    {
        var ex = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(_model));
        Assert.Equal(_model, ex.File);
        Assert.Contains("initializer 'W'", ex.Message);
        return ex;
    }

    [Fact]
    public void LargeInitializersAreWrittenNextToTheModelAndReadBack()
    {
        var graph = ConvGraph();
        SaveWithExternalWeights();

        var data = Path.Combine(_folder, "conv.onnx.data");
        Assert.Equal(216, new FileInfo(data).Length);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_model));
        var weights = proto.Graph.Initializer.Single(t => t.Name == "W");
        Assert.Equal(TensorProto.Types.DataLocation.External, weights.DataLocation);
        Assert.Equal("conv.onnx.data", weights.ExternalData.Single(e => e.Key == "location").Value);
        Assert.Equal(TensorProto.Types.DataLocation.Default, proto.Graph.Initializer.Single(t => t.Name == "B").DataLocation);

        var imported = OnnxImporter.Load(_model);
        Assert.All(graph.Initializers, kv => Assert.True(kv.Value.ContentEquals(imported.Initializers[kv.Key]), kv.Key));

        var fromFile = OrtRunner.RunSeeded(_model, seed: 5);
        var inMemory = OrtRunner.RunSeeded(OnnxExporter.ToBytes(imported), seed: 5);
        Assert.True(OrtRunner.MaxAbsDiff(fromFile, inMemory) <= 1e-6);
        Assert.Equal([1L, 3, 5, 5], fromFile["y"].Shape);
    }

    [Fact]
    public void WithoutATensorOverTheThresholdNoDataFileIsWritten()
    {
        OnnxExporter.Save(ConvGraph(), _model, new OnnxSaveOptions { ExternalDataThreshold = 1 << 20 });
        Assert.Equal(["conv.onnx"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../conv.onnx.data")]
    [InlineData("sub/../../conv.onnx.data")]
    [InlineData("..\\conv.onnx.data")]
    public void ALocationLeavingTheFolderIsRefused(string location)
    {
        SaveWithExternalWeights();
        File.Copy(Path.Combine(_folder, "conv.onnx.data"), Path.Combine(_root.FullName, "conv.onnx.data"));
        EditWeightsEntry("location", location);
        Assert.Contains("leaves the model's folder", LoadFails().Message);
    }

    [Fact]
    public void AnAbsoluteLocationIsRefused()
    {
        SaveWithExternalWeights();
        EditWeightsEntry("location", Path.Combine(_folder, "conv.onnx.data"));
        Assert.Contains("absolute", LoadFails().Message);
    }

    [Fact]
    public void ALocationThatStaysInsideAfterNormalizationIsRead()
    {
        SaveWithExternalWeights();
        EditWeightsEntry("location", "sub/../conv.onnx.data");
        Assert.Equal(54, OnnxImporter.Load(_model).Initializers["W"].ElementCount);
    }

    [Fact]
    public void ASymbolicLinkOutOfTheFolderIsRefused()
    {
        SaveWithExternalWeights();
        var outside = Path.Combine(_root.FullName, "outside.data");
        File.Move(Path.Combine(_folder, "conv.onnx.data"), outside);
        File.CreateSymbolicLink(Path.Combine(_folder, "conv.onnx.data"), outside);
        Assert.Contains("symbolic link", LoadFails().Message);
    }

    [Fact]
    public void AMissingDataFileIsNamed()
    {
        SaveWithExternalWeights();
        File.Delete(Path.Combine(_folder, "conv.onnx.data"));
        var ex = LoadFails();
        Assert.Contains("'conv.onnx.data'", ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Theory]
    [InlineData("offset", "100")]
    [InlineData("length", "500")]
    [InlineData("offset", "-4")]
    public void OffsetsAndLengthsBeyondTheFileAreRefused(string key, string value)
    {
        SaveWithExternalWeights();
        EditWeightsEntry(key, value);
        LoadFails();
    }

    [Fact]
    public void ModelBytesWithoutAFolderCannotReadExternalData()
    {
        SaveWithExternalWeights();
        var ex = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(File.ReadAllBytes(_model), "bytes.onnx", null));
        Assert.Equal("bytes.onnx", ex.File);
        Assert.Contains("not loaded from a folder", ex.Message);
    }
}
