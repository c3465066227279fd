using Lighten.Core.Onnx;
using Lighten.TestSupport;
using Lighten.Tests.Foreign;

namespace Lighten.Core.Tests.Foreign;

/// <summary>
/// The foreign-pattern corpus is made of real models: each fixture is a valid ONNX file that ONNX Runtime loads and runs at
/// its run shapes, giving the output shapes the catalog states; and Lighten's importer and exporter keep what it computes.
/// </summary>
public class ForeignFixtureTests
{
    public static TheoryData<string> Fixtures => [.. ForeignFixtures.Names];

    private static string TempDir() => TestTemp.CreateSubdirectory("foreign-").FullName;

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Onnx_runtime_loads_and_runs_the_fixture(string fixture)
    {
        var f = ForeignFixtures.Get(fixture);
        var path = f.Write(TempDir());

        var outputs = ForeignOrt.Run(path, f);

        Assert.Equal(f.RunOutputShapes.Length, outputs.Count);
        for (int i = 0; i < outputs.Count; i++)
        {
            Assert.Equal(f.RunOutputShapes[i], outputs[i].Shape);
            Assert.All(outputs[i].Values, v => Assert.True(float.IsFinite(v), $"{outputs[i].Name} holds {v}"));
            // Not a degenerate model: the output varies.
            Assert.True(outputs[i].Values.Max() - outputs[i].Values.Min() > 1e-4, $"{outputs[i].Name} is constant");
        }
        Assert.True(new FileInfo(path).Length < 300_000, $"{fixture} is {new FileInfo(path).Length} bytes");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_same_fixture_is_written_to_the_same_bytes(string fixture)
    {
        var f = ForeignFixtures.Get(fixture);
        Assert.Equal(OnnxExporter.ToBytes(f.Build()), OnnxExporter.ToBytes(f.Build()));
    }

    [Fact]
    public void The_catalog_names_are_unique_and_the_symbolic_fixtures_ask_for_an_input_shape()
    {
        Assert.Equal(ForeignFixtures.All.Count, ForeignFixtures.Names.Distinct().Count());
        var symbolic = ForeignFixtures.All.Where(f => f.HasSymbolicNonBatchDims).Select(f => f.Name).ToArray();
        Assert.Equal(["paddle_det_unknown_hw", "paddle_cls_dynamic_dims"], symbolic);
        Assert.Equal(["--input-shape", "x=1x3x64x64"], ForeignFixtures.Get("paddle_det_unknown_hw").InputShapeArgs);
        Assert.Empty(ForeignFixtures.Get("torch_view_dynamic_batch").InputShapeArgs);
    }

    [Fact]
    public void The_opset_8_softmax_normalizes_over_channels_height_and_width_at_once()
    {
        // Softmax before opset 13 flattens the input to 2-D at its axis: over 4x32x32 values together, not per pixel.
        var f = ForeignFixtures.Get("opset8_upsample");
        var output = ForeignOrt.Run(f.Write(TempDir()), f).Single();
        Assert.Equal(1.0, output.Values.Sum(v => (double)v), 1e-3);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Import_then_export_computes_the_same_outputs(string fixture)
    {
        var f = ForeignFixtures.Get(fixture);
        var dir = TempDir();
        var original = f.Write(dir);
        var roundTrip = Path.Combine(dir, "roundtrip.onnx");

        OnnxExporter.Save(OnnxImporter.Load(original), roundTrip);

        var expected = ForeignOrt.Run(original, f);
        var actual = ForeignOrt.Run(roundTrip, f);
        Assert.Equal(expected.Select(o => o.Shape), actual.Select(o => o.Shape));
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i].Values, actual[i].Values);
    }
}
