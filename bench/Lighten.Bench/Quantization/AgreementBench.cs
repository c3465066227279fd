using System.Globalization;
using Lighten.Core.Onnx;
using Lighten.Data.Imaging;
using Lighten.Runtime.Calibration;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Bench.Quantization;

/// <summary>
/// Top-1 agreement of a reference model (FP32) and its lightened forms (INT8, FP16) on a folder of images (searched
/// recursively, all of them, in a fixed order): the share of images on which both give the same class.
/// <c>agreement --data DIR [--size WxH] REFERENCE.onnx OTHER.onnx [OTHER.onnx...]</c>; the preprocessing is the CLI's
/// default for the size (the reference model's input size when not given).
/// </summary>
public static class AgreementBench
{
    private const int Batch = 32;

    public static int Run(string[] args)
    {
        string? data = null, size = null;
        var models = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data" && i + 1 < args.Length) data = args[++i];
            else if (args[i] == "--size" && i + 1 < args.Length) size = args[++i];
            else models.Add(args[i]);
        }
        if (data is null || models.Count < 2)
        {
            Console.Error.WriteLine("usage: agreement --data DIR [--size WxH] REFERENCE.onnx OTHER.onnx [OTHER.onnx...]");
            return 2;
        }
        var shape = OnnxImporter.Load(models[0]).Inputs[0].Shape!;
        var preprocess = size is null
            ? new Preprocess((int)shape.Dims[3].Value!.Value, (int)shape.Dims[2].Value!.Value)
            : Preprocess.FromOptions(size, null, false, null, null, null);
        var source = CalibrationSource.Open(data, preprocess, int.MaxValue);
        var reference = Top1(models[0], source);
        Console.WriteLine(Invariant($"{source.Count} images of {data}; reference {Path.GetFileName(models[0])}: {reference.Distinct().Count()} classes predicted"));
        foreach (var other in models.Skip(1))
        {
            var top1 = Top1(other, source);
            int agree = reference.Zip(top1).Count(p => p.First == p.Second);
            Console.WriteLine(Invariant($"{Path.GetFileName(other)}: top-1 agrees with the reference on {agree}/{source.Count} = {100.0 * agree / source.Count:0.00} %"));
        }
        return 0;
    }

    /// <summary>The top-1 class of every image of <paramref name="source"/> under <paramref name="model"/>, in batches.</summary>
    private static int[] Top1(string model, CalibrationSource source)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        var top = new int[source.Count];
        var images = new float[Batch * source.SampleLength];
        for (int start = 0; start < source.Count; start += Batch)
        {
            int n = Math.Min(Batch, source.Count - start);
            for (int i = 0; i < n; i++) source.Write(start + i, images.AsSpan(i * source.SampleLength, source.SampleLength));
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, images.AsMemory(0, n * source.SampleLength), [n, 3, source.Height, source.Width]);
            using var run = new RunOptions();
            using var outputs = session.Run(run, [session.InputNames[0]], [input], [session.OutputNames[0]]);
            var logits = outputs[0].GetTensorDataAsSpan<float>();
            int classes = logits.Length / n;
            for (int i = 0; i < n; i++)
            {
                var row = logits.Slice(i * classes, classes);
                int best = 0;
                for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
                top[start + i] = best;
            }
        }
        return top;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
