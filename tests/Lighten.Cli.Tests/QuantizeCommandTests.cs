using System.Text.Json;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Runtime.Tests;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Cli.Tests;

public class QuantizeCommandTests
{
    private static readonly string Pose = CliRunner.DataFile("tiny_pose_resnet_64.onnx");

    private static void LoadsInOrt(string path)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(path, options);
        Assert.NotEmpty(session.OutputNames);
    }

    [Fact]
    public void Quantize_writes_a_qdq_model_and_a_json_summary()
    {
        var dir = CliRunner.TempDir();
        var output = Path.Combine(dir, "pose.int8.onnx");
        var report = Path.Combine(dir, "layers.csv");

        var result = CliRunner.Run("quantize", Pose, "--calib", "synthetic", "--count", "8", "--no-measure", "--json",
            "--report", report, "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("percentile", root.GetProperty("method").GetString());
        Assert.Equal(8, root.GetProperty("calibrationSamples").GetInt32());
        // 12 Conv, and the 3 ConvTransposes as 4 phase Convs each; the output Conv stays FP32.
        Assert.Equal(24, root.GetProperty("int8Layers").GetInt32());
        Assert.Equal(25, root.GetProperty("layers").GetArrayLength());
        Assert.Equal(3, root.GetProperty("subPixel").EnumerateObject().Count());
        LoadsInOrt(output);
        var graph = OnnxImporter.Load(output);
        Assert.Contains(graph.Nodes, n => n.OpType == "QuantizeLinear");
        var lines = File.ReadAllLines(report);
        Assert.Equal("layer,op,precision,sqnr_db,fp32_ms,int8_ms,reason", lines[0]);
        Assert.Equal(26, lines.Length);
        Assert.Contains(lines, l => l.Contains("FP32") && l.Contains("graph output"));
    }

    [Fact]
    public void Quantize_table_names_the_layers_and_the_summary()
    {
        var dir = CliRunner.TempDir();
        var output = Path.Combine(dir, "pose.int8.onnx");
        var result = CliRunner.Run("quantize", Pose, "--calib", "synthetic", "--count", "4", "--no-measure", "--method", "minmax",
            "--per-tensor", "--activations", "int8", "--bias-correction", "-o", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("/head/head.0/ConvTranspose", result.Out);
        Assert.Contains("minmax", result.Out);
        Assert.Contains("bias corrected", result.Out);
        var graph = OnnxImporter.Load(output);
        var q = graph.Nodes.First(n => n.OpType == "QuantizeLinear");
        Assert.Equal(ElementType.Int8, graph.Initializers[q.Inputs[2]].ElementType);
    }

    [Fact]
    public void Max_drop_measures_the_metric_and_reports_it()
    {
        var (data, _) = EvaluationFixtures.Colors();
        var model = Path.Combine(CliRunner.TempDir(), "colors.onnx");
        OnnxExporter.Save(ColorConvClassifier(), model);
        var output = Path.Combine(CliRunner.TempDir(), "colors.int8.onnx");

        var result = CliRunner.Run("quantize", model, "--calib", data, "--count", "6", "--no-measure", "--max-drop", "0",
            "--data", data, "--task", "classify", "--json", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var accuracy = json.RootElement.GetProperty("accuracy");
        Assert.Equal("top1", accuracy.GetProperty("metric").GetString());
        Assert.True(accuracy.GetProperty("met").GetBoolean());
        Assert.True(accuracy.GetProperty("evaluations").GetInt32() >= 1);
        LoadsInOrt(output);
    }

    [Theory]
    [InlineData("--method", "kl")]
    [InlineData("--target", "nowhere")]
    [InlineData("--activations", "int4")]
    [InlineData("--max-drop", "1")]
    public void Bad_options_are_one_line_errors(string option, string value)
    {
        var output = Path.Combine(CliRunner.TempDir(), "out.onnx");
        var result = CliRunner.Run("quantize", Pose, "--calib", "synthetic", "--count", "2", option, value, "-o", output);
        CliRunner.AssertOneLineError(result);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Missing_calibration_data_and_overwriting_the_input_are_refused()
    {
        CliRunner.AssertOneLineError(CliRunner.Run("quantize", Pose, "-o", Path.Combine(CliRunner.TempDir(), "o.onnx")), "--calib");
        CliRunner.AssertOneLineError(CliRunner.Run("quantize", Pose, "--calib", "/nonexistent/images", "-o", Path.Combine(CliRunner.TempDir(), "o.onnx")), "/nonexistent/images");
        var copy = Path.Combine(CliRunner.TempDir(), "model.onnx");
        File.Copy(Pose, copy);
        CliRunner.AssertOneLineError(CliRunner.Run("quantize", copy, "--calib", "synthetic", "-o", copy), "never overwritten");
    }

    /// <summary>[N,3,8,8] → 1×1 Conv (identity on the channels) + ReLU → GlobalAveragePool → Flatten: the class is the strongest color.</summary>
    private static Graph ColorConvClassifier()
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("input", ElementType.Float, new TensorShape([Dim.Sym("batch"), 3, 8, 8])));
        b.SetInitializer("w", TensorData.FromFloats([3, 3, 1, 1], [1, 0, 0, 0, 1, 0, 0, 0, 1]));
        b.SetInitializer("b", TensorData.FromFloats([3], [0, 0, 0]));
        b.AddNode("Conv", ["input", "w", "b"], ["c"]);
        b.AddNode("Relu", ["c"], ["r"]);
        b.AddNode("GlobalAveragePool", ["r"], ["p"]);
        b.AddNode("Flatten", ["p"], ["output"], [KeyValuePair.Create("axis", (AttributeValue)new IntAttribute(1))]);
        b.Outputs.Add(new ValueInfo("output", ElementType.Float, null));
        return b.ToGraph() with { Opsets = [new OpsetImport("", 13)] };
    }
}
