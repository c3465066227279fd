using Lighten.Core.Onnx;
using Lighten.Data.Imaging;
using Lighten.Runtime.Calibration;
using Lighten.Training.Tests.Trainer;

namespace Lighten.Cli.Tests;

/// <summary>
/// INT8 against FP32 on a trained classifier and in-distribution images: a small CNN trained by <c>lighten train</c> on a
/// drawn 3-class ImageFolder, quantized by <c>lighten quantize</c> calibrating on its training images, compared on 60
/// validation images of the same distribution. (The classifiers in tests/data have random weights; the same comparison on
/// them, trained first, is <c>bench/train/classifiers-int8.sh</c>.)
/// </summary>
public class Int8AgreementTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Int8_top1_agrees_with_fp32_on_at_least_98_percent_of_in_distribution_images()
    {
        var root = CliRunner.TempDir();
        var data = TinyImageFolder.Create(Path.Combine(root, "data"), trainPerClass: 16, valPerClass: 20, seed: 4);
        var model = Path.Combine(root, "tiny.onnx");
        OnnxExporter.Save(TinyNet.Classifier(TinyImageFolder.Classes.Length, 32, seed: 1, width: 16), model);
        var trained = Path.Combine(root, "trained.onnx");
        var int8 = Path.Combine(root, "trained.int8.onnx");

        var train = CliRunner.Run("train", "--model", model, "--task", "classify", "--data", data, "--epochs", "8", "--batch", "8",
            "--lr", "0.01", "--augment", "none", "--seed", "3", "-o", trained, "--json");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(CliRunner.Json(train).GetProperty("metric").GetProperty("onnx").GetDouble() >= 0.9, train.Out);
        var quantize = CliRunner.Run("quantize", trained, "--calib", Path.Combine(data, "train"), "--count", "32", "--no-measure", "--json", "-o", int8);
        Assert.True(quantize.ExitCode == 0, quantize.Error);
        Assert.True(CliRunner.Json(quantize).GetProperty("int8Layers").GetInt32() >= 2, quantize.Out);

        var validation = CalibrationSource.Open(Path.Combine(data, "val"), new Preprocess(32, 32), int.MaxValue);
        var fp32 = Top1(trained, validation);
        var quantized = Top1(int8, validation);
        Assert.Equal(60, fp32.Length);
        Assert.Equal(TinyImageFolder.Classes.Length, fp32.Distinct().Count());
        int agree = fp32.Zip(quantized).Count(p => p.First == p.Second);
        output.WriteLine($"INT8 agrees with FP32 on {agree}/{fp32.Length} validation images");
        Assert.True(agree >= 0.98 * fp32.Length, $"INT8 agrees with FP32 on {agree} of {fp32.Length} images");
    }

    private static int[] Top1(string model, CalibrationSource source) => Lighten.Runtime.Tests.TopClasses.Of(File.ReadAllBytes(model), source);
}
