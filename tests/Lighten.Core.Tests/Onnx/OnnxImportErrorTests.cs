using Google.Protobuf;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.TestSupport;
using Onnx;
using static Lighten.Core.Tests.Onnx.OnnxProtos;

namespace Lighten.Core.Tests.Onnx;

public class OnnxImportErrorTests
{
    private static ModelFormatException ImportFails(ModelProto model) =>
        Assert.Throws<ModelFormatException>(() => OnnxProtos.Import(model));

    private static NodeProto Relu(string input, string output, string name = "") => Node("Relu", [input], [output], name);

    [Fact]
    public void MissingFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), "lighten-no-such-model.onnx");
        var ex = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(path));
        Assert.StartsWith(path, ex.Describe());
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void EmptyRandomAndTruncatedFilesAreRefusedNamingTheFile()
    {
        var original = File.ReadAllBytes(OrtRunner.TestModel("tiny_pose_resnet_64.onnx"));
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        var dir = TestTemp.CreateSubdirectory("lighten-bad-");
        try
        {
            foreach (var (name, bytes) in new[] { ("empty.onnx", Array.Empty<byte>()), ("random.onnx", random), ("truncated.onnx", original[..(original.Length / 2)]) })
            {
                var path = Path.Combine(dir.FullName, name);
                File.WriteAllBytes(path, bytes);
                var ex = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(path));
                Assert.StartsWith(path + ": ", ex.Describe());
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ProtobufErrorsAreKeptAsTheInnerException()
    {
        var original = File.ReadAllBytes(OrtRunner.TestModel("tiny_pose_resnet_64.onnx"));
        var ex = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(original.AsMemory(0, 1000), "cut.onnx", null));
        Assert.IsType<InvalidProtocolBufferException>(ex.InnerException);
        Assert.Equal("cut.onnx", ex.File);
    }

    [Fact]
    public void AModelWithoutAGraphIsRefused()
    {
        var ex = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(new ModelProto { IrVersion = 8 }.ToByteArray(), "x.onnx", null));
        Assert.Contains("no graph", ex.Message);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(22)]
    public void OpsetsOutsideSevenToTwentyOneAreRefused(long opset)
    {
        var ex = ImportFails(Model(Graph([Relu("x", "y")], ["y"]), opset));
        Assert.Contains($"opset {opset}", ex.Message);
        Assert.Contains("7 to 21", ex.Message);
    }

    [Fact]
    public void TheAiOnnxDomainNameCountsAsTheDefaultDomain()
    {
        var model = Model(Graph([Relu("x", "y")], ["y"]));
        model.OpsetImport[0].Domain = "ai.onnx";
        Assert.Equal(13, OnnxProtos.Import(model).OpsetVersion());
    }

    [Fact]
    public void ATensorWhoseDataDoesNotMatchItsShapeIsNamed()
    {
        var typed = Model(Graph([Node("Add", ["x", "w"], ["y"])], ["y"], null, FloatTensor("w", [2, 2], 1, 2, 3)));
        Assert.Contains("initializer 'w'", ImportFails(typed).Message);

        var raw = new TensorProto { Name = "w", DataType = 1, RawData = ByteString.CopyFrom(new byte[12]) };
        raw.Dims.AddRange([4]);
        var ex = ImportFails(Model(Graph([Node("Add", ["x", "w"], ["y"])], ["y"], null, raw)));
        Assert.Contains("needs 16 bytes", ex.Message);
        Assert.Contains("initializer 'w'", ex.Message);
    }

    [Fact]
    public void AnInitializerOfAnUnsupportedTypeIsRefused()
    {
        var strings = new TensorProto { Name = "s", DataType = (int)TensorProto.Types.DataType.String };
        strings.Dims.Add(1);
        strings.StringData.Add(ByteString.CopyFromUtf8("hi"));
        var ex = ImportFails(Model(Graph([Relu("x", "y")], ["y"], null, strings)));
        Assert.Contains("initializer 's'", ex.Message);
        Assert.Contains("STRING", ex.Message);
    }

    [Fact]
    public void AValueProducedTwiceNamesTheSecondProducer()
    {
        var ex = ImportFails(Model(Graph([Relu("x", "y", "first"), Relu("x", "y", "second")], ["y"])));
        Assert.Equal("second", ex.NodeName);
        Assert.Contains("'y' is produced twice", ex.Message);
        Assert.Equal("test.onnx", ex.File);
    }

    [Fact]
    public void ANodeOutputCannotOverwriteAGraphInput()
    {
        var ex = ImportFails(Model(Graph([Relu("x", "x", "r")], ["x"])));
        Assert.Equal("r", ex.NodeName);
    }

    [Fact]
    public void ADanglingInputNamesTheNodeAndTheValue()
    {
        var ex = ImportFails(Model(Graph([Node("Add", ["x", "ghost"], ["y"], "add")], ["y"])));
        Assert.Equal("add", ex.NodeName);
        Assert.Equal("Add", ex.OpType);
        Assert.Contains("'ghost'", ex.Message);
        Assert.StartsWith("test.onnx: node 'add' (Add): ", ex.Describe());
    }

    [Fact]
    public void ACycleIsReportedAsAModelFormatError()
    {
        var ex = ImportFails(Model(Graph([Node("Add", ["x", "b"], ["a"], "n1"), Relu("a", "b", "n2")], ["b"])));
        Assert.Contains("cycle", ex.Message);
        Assert.NotNull(ex.NodeName);
        Assert.IsType<GraphValidationException>(ex.InnerException);
    }

    [Fact]
    public void AGraphOutputNobodyProducesIsRefused()
    {
        var ex = ImportFails(Model(Graph([Relu("x", "y")], ["y", "z"])));
        Assert.Contains("graph output 'z'", ex.Message);
    }

    [Fact]
    public void NodesOutOfOrderAreSorted()
    {
        var graph = OnnxProtos.Import(Model(Graph([Relu("a", "b", "second"), Relu("x", "a", "first")], ["b"])));
        Assert.Equal(["first", "second"], graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void EmptyAndRepeatedNodeNamesAreMadeUniqueDeterministically()
    {
        var nodes = new[]
        {
            Relu("x", "a", ""), Relu("a", "b", "r"), Relu("b", "c", "r"), Relu("c", "d", "Relu_0"), Relu("d", "e", ""), Relu("e", "f", "r_1"),
        };
        var graph = OnnxProtos.Import(Model(Graph(nodes, ["f"])));
        // "Relu_0" and "r_1" are names given in the file, so generated names step around them.
        Assert.Equal(["Relu_0_1", "r", "r_2", "Relu_0", "Relu_4", "r_1"], graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void RepeatedAttributesAndInitializersAreRefused()
    {
        var attr = new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 1 };
        var ex = ImportFails(Model(Graph([Node("Elu", ["x"], ["y"], "elu", "", attr, attr)], ["y"])));
        Assert.Equal("elu", ex.NodeName);

        ex = ImportFails(Model(Graph([Relu("x", "y")], ["y"], null, FloatTensor("w", [1], 1), FloatTensor("w", [1], 2))));
        Assert.Contains("'w' is given twice", ex.Message);
    }

    [Fact]
    public void AModelWithSparseInitializersOrFunctionsIsRefused()
    {
        var sparse = Model(Graph([Relu("x", "y")], ["y"]));
        sparse.Graph.SparseInitializer.Add(new SparseTensorProto { Values = FloatTensor("s", [1], 1) });
        Assert.Contains("sparse", ImportFails(sparse).Message);

        var functions = Model(Graph([Relu("x", "y")], ["y"]));
        functions.Functions.Add(new FunctionProto { Name = "f", Domain = "local" });
        Assert.Contains("functions", ImportFails(functions).Message);
    }

    [Fact]
    public void ADirectoryIsNotAModelFile()
    {
        var ex = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(OrtRunner.DataDirectory));
        Assert.Equal(OrtRunner.DataDirectory, ex.File);
    }
}
