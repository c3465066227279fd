using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.TestSupport;

namespace Lighten.Core.Tests.Onnx;

public class OnnxRoundTripTests
{
    public static TheoryData<string> Models => new(OrtRunner.TestModelNames);

    [Theory]
    [MemberData(nameof(Models))]
    public void ExportedModelComputesTheSameOutputsInOnnxRuntime(string model)
    {
        var path = OrtRunner.TestModel(model);
        var exported = OnnxExporter.ToBytes(OnnxImporter.Load(path));

        var expected = OrtRunner.RunSeeded(path, seed: 42);
        var actual = OrtRunner.RunSeeded(exported, seed: 42);

        Assert.True(OrtRunner.MaxAbsDiff(expected, actual) <= 1e-6);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ExportThenImportKeepsTheGraph(string model)
    {
        var graph = OnnxImporter.Load(OrtRunner.TestModel(model));
        var bytes = OnnxExporter.ToBytes(graph);
        var again = OnnxImporter.Load(bytes, "exported.onnx", null);

        Assert.Equal(graph.Name, again.Name);
        Assert.Equal(graph.Model, again.Model);
        Assert.Equal(graph.Opsets.AsEnumerable(), again.Opsets.AsEnumerable());
        Assert.Equal(graph.Metadata, again.Metadata);
        Assert.Equal(graph.Inputs.AsEnumerable(), again.Inputs.AsEnumerable());
        Assert.Equal(graph.Outputs.AsEnumerable(), again.Outputs.AsEnumerable());
        Assert.Equal(graph.Nodes.AsEnumerable(), again.Nodes.AsEnumerable());
        Assert.Equal(graph.ValueInfos, again.ValueInfos);
        Assert.Equal(graph.Initializers.Keys, again.Initializers.Keys);
        Assert.All(graph.Initializers, kv => Assert.True(kv.Value.ContentEquals(again.Initializers[kv.Key]), kv.Key));
        // The same graph always gives the same bytes.
        Assert.Equal(bytes, OnnxExporter.ToBytes(again));
    }

    [Fact]
    public void ImportReadsTheModelFields()
    {
        var graph = OnnxImporter.Load(OrtRunner.TestModel("tiny_pose_resnet_64.onnx"));

        Assert.Equal("pytorch", graph.Model.ProducerName);
        Assert.Equal(7, graph.Model.IrVersion);
        Assert.Equal(13, graph.OpsetVersion());
        var input = Assert.Single(graph.Inputs);
        Assert.Equal("input", input.Name);
        Assert.Equal(new TensorShape([Dim.Sym("batch"), 3, 64, 64]), input.Shape);
        Assert.Equal("output", Assert.Single(graph.Outputs).Name);
        Assert.DoesNotContain(graph.Inputs, i => graph.Initializers.ContainsKey(i.Name));
    }

    [Fact]
    public void MetadataProducerAndDocStringsSurviveASaveAndLoad()
    {
        var graph = OnnxImporter.Load(OrtRunner.TestModel("mobilenet_v2_w035_c10_96.onnx")) with
        {
            Name = "renamed",
            DocString = "graph doc",
            Model = new ModelInfo(IrVersion: 8, ProducerName: "lighten", ProducerVersion: "0.1", Domain: "org.test", ModelVersion: 3, DocString: "model doc"),
            Metadata = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [KeyValuePair.Create("author", "me"), KeyValuePair.Create("step", "G2")]),
            Opsets = [new OpsetImport("", 13), new OpsetImport("com.example", 2)],
        };
        var dir = TestTemp.CreateSubdirectory("lighten-onnx-");
        try
        {
            var path = Path.Combine(dir.FullName, "m.onnx");
            OnnxExporter.Save(graph, path);
            var again = OnnxImporter.Load(path);

            Assert.Equal(graph.Name, again.Name);
            Assert.Equal(graph.DocString, again.DocString);
            Assert.Equal(graph.Model, again.Model);
            Assert.Equal(graph.Metadata, again.Metadata);
            Assert.Equal(graph.Opsets.AsEnumerable(), again.Opsets.AsEnumerable());
            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ExportRaisesTheIrVersionToWhatTheOpsetNeeds()
    {
        var graph = OnnxImporter.Load(OrtRunner.TestModel("tiny_pose_resnet_64.onnx"));
        var raised = graph with { Opsets = [new OpsetImport("", 21)], Model = graph.Model with { IrVersion = 3 } };
        var kept = graph with { Model = graph.Model with { IrVersion = 9 } };

        Assert.Equal(10, OnnxImporter.Load(OnnxExporter.ToBytes(raised), "r.onnx", null).Model.IrVersion);
        Assert.Equal(9, OnnxImporter.Load(OnnxExporter.ToBytes(kept), "k.onnx", null).Model.IrVersion);
    }
}
