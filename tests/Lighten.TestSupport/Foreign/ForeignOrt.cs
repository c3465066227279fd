using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Lighten.Tests.Foreign;

/// <summary>One output of a run, as floats.</summary>
public sealed record ForeignOutput(string Name, long[] Shape, float[] Values)
{
    /// <summary>The largest absolute value (0 for an empty tensor).</summary>
    public double MaxAbs => Values.Length == 0 ? 0 : Values.Max(v => Math.Abs((double)v));
}

/// <summary>
/// Runs a fixture, or a model derived from one, in ONNX Runtime on one thread with seeded inputs of the fixture's run shapes
/// (uniform in [0, 1), as normalized image pixels). Inputs are matched by name, else by position; FP16 inputs and outputs are
/// converted, so an FP32 original and its FP16 conversion can be compared.
/// </summary>
public static class ForeignOrt
{
    /// <summary>The outputs of the model at <paramref name="path"/>, in the session's output order.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime cannot load or run the model.</exception>
    public static IReadOnlyList<ForeignOutput> Run(string path, ForeignFixture fixture, int seed = 7)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        using var session = new InferenceSession(path, options);
        var names = session.InputNames.ToArray();
        var values = new List<OrtValue>();
        try
        {
            for (int i = 0; i < names.Length; i++)
            {
                var input = fixture.Inputs.FirstOrDefault(f => f.Name == names[i])
                    ?? (i < fixture.Inputs.Length ? fixture.Inputs[i] : throw new InvalidOperationException($"the model has an input '{names[i]}' the fixture does not feed"));
                var data = InputValues(input, seed + i);
                values.Add(session.InputMetadata[names[i]].ElementDataType switch
                {
                    TensorElementType.Float => OrtValue.CreateTensorValueFromMemory(data, input.RunShape),
                    TensorElementType.Float16 => OrtValue.CreateTensorValueFromMemory(
                        data.Select(v => new Float16(BitConverter.HalfToUInt16Bits((Half)v))).ToArray(), input.RunShape),
                    var t => throw new NotSupportedException($"input '{names[i]}' is {t}; the fixtures feed float images"),
                });
            }
            using var runOptions = new RunOptions();
            var outputNames = session.OutputNames.ToArray();
            using var outputs = session.Run(runOptions, names, values, outputNames);
            var result = new List<ForeignOutput>();
            for (int i = 0; i < outputNames.Length; i++)
            {
                var o = outputs[i];
                var info = o.GetTensorTypeAndShape();
                float[] floats = info.ElementDataType switch
                {
                    TensorElementType.Float => o.GetTensorDataAsSpan<float>().ToArray(),
                    TensorElementType.Float16 => [.. o.GetTensorDataAsSpan<Float16>().ToArray().Select(h => (float)BitConverter.UInt16BitsToHalf(h.value))],
                    TensorElementType.Double => [.. o.GetTensorDataAsSpan<double>().ToArray().Select(d => (float)d)],
                    var t => throw new NotSupportedException($"output '{outputNames[i]}' is {t}"),
                };
                result.Add(new ForeignOutput(outputNames[i], info.Shape, floats));
            }
            return result;
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    /// <summary>The seeded values fed to <paramref name="input"/>.</summary>
    public static float[] InputValues(ForeignInput input, int seed)
    {
        var random = new Random(seed);
        var data = new float[input.RunShape.Aggregate(1L, (a, d) => a * d)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)random.NextDouble();
        return data;
    }
}
