using Lighten.Runtime.Calibration;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime.Tests;

/// <summary>The top-1 classes a classifier gives the images of a calibration source (shared with the CLI tests).</summary>
public static class TopClasses
{
    /// <summary>The top-1 class of every image of <paramref name="source"/> under the ONNX <paramref name="model"/> (each value passed through <paramref name="map"/> first).</summary>
    public static int[] Of(byte[] model, CalibrationSource source, Func<float, float>? map = null)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        var images = new float[source.Count * source.SampleLength];
        for (int i = 0; i < source.Count; i++) source.Write(i, images.AsSpan(i * source.SampleLength, source.SampleLength));
        if (map is not null) for (int i = 0; i < images.Length; i++) images[i] = map(images[i]);
        using var input = OrtValue.CreateTensorValueFromMemory(images, [source.Count, 3, source.Height, source.Width]);
        using var run = new RunOptions();
        using var outputs = session.Run(run, [session.InputNames[0]], [input], [session.OutputNames[0]]);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        int classes = logits.Length / source.Count;
        var top = new int[source.Count];
        for (int i = 0; i < source.Count; i++)
        {
            var row = logits.Slice(i * classes, classes);
            for (int c = 1; c < classes; c++) if (row[c] > row[top[i]]) top[i] = c;
        }
        return top;
    }
}
