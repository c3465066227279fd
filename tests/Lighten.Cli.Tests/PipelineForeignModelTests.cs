using System.Text.Json;
using Lighten.Core.Onnx;
using Lighten.TestSupport;
using Lighten.Tests.Foreign;

namespace Lighten.Cli.Tests;

/// <summary>
/// <c>lighten run</c> on a model we did not write: a paddle2onnx classifier at opset 10 whose height and width are
/// symbolic. The baseline fixes them from <c>preprocess.size</c> (the batch stays symbolic), G1 grafts a backbone, G2
/// selects by MAC share (a classifier has no ConvTranspose) and G3 upgrades the opset before quantizing: no step fails.
/// </summary>
public class PipelineForeignModelTests
{
    [Fact]
    public void A_paddle_classifier_with_symbolic_height_and_width_runs_through_every_step()
    {
        var dir = TestTemp.CreateSubdirectory("lighten-run-foreign-").FullName;
        var data = Lighten.Training.Tests.Trainer.TinyImageFolder.Create(Path.Combine(dir, "data"), trainPerClass: 8, valPerClass: 4);
        OnnxExporter.Save(PaddleSymbolic.BuildClassifier(classes: 3), Path.Combine(dir, "cls.onnx"));
        var pipeline = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(pipeline, $"""
            model:
              file: cls.onnx
            task: classify
            data:
              dir: {data}
              calibration_count: 8
              preprocess:
                size: 32x32
            steps:
              g1:
                candidates: [shufflenet_v2_x0_5]
              g3:
                measure_layers: false
              g5:
                ratio: 0.25
            fine_tune:
              epochs: 1
              batch: 8
              workers: 1
            stop_when_met: false
            benchmark_runs: 5
            """);
        var output = Path.Combine(dir, "out");

        var run = CliRunner.Run("run", pipeline, "--out-dir", output, "--json");

        Assert.True(run.ExitCode is 0 or 4, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var stages = json.RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.All(stages.Values, s => Assert.NotEqual("failed", s.GetProperty("decision").GetString()));
        Assert.Equal("kept", stages["baseline"].GetProperty("decision").GetString());
        Assert.Contains(Details(stages["G1"]), d => d.StartsWith("chose shufflenet_v2_x0_5", StringComparison.Ordinal));
        Assert.Contains(Details(stages["G2"]), d => d.Contains("selected by MAC share", StringComparison.Ordinal));
        Assert.Contains(Details(stages["G3"]), d => d.Contains("layers in INT8", StringComparison.Ordinal));
        var baseline = OnnxImporter.Load(Path.Combine(output, "stages", "00-baseline.onnx"));
        Assert.Equal("-1x3x32x32", baseline.Inputs[0].Shape!.ToString());
        Directory.Delete(dir, true);
    }

    private static IEnumerable<string> Details(JsonElement stage) =>
        stage.TryGetProperty("details", out var d) ? d.EnumerateArray().Select(x => x.GetString()!) : [];
}
