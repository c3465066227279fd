using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Lighten.Core.Tests.Support;

/// <summary>A float tensor fed to or read from ONNX Runtime.</summary>
public sealed record OrtTensor(long[] Shape, float[] Values);

/// <summary>
/// Runs ONNX models in ONNX Runtime on seeded random inputs, for differential tests: the same seed gives
/// the same inputs, so an original and a transformed model can be compared output by output.
/// </summary>
public static class OrtRunner
{
    /// <summary>The folder the test models are copied to.</summary>
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The test models of tests/data.</summary>
    public static IEnumerable<string> TestModelNames =>
        Directory.GetFiles(DataDirectory, "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>The path of a test model in tests/data.</summary>
    public static string TestModel(string fileName) => Path.Combine(DataDirectory, fileName);

    /// <summary>A session on one thread (predictable on a 2-core machine, deterministic).</summary>
    public static InferenceSession Open(byte[] model)
    {
        using var options = Options();
        return new InferenceSession(model, options);
    }

    /// <summary>A session on the model file at <paramref name="path"/>; external data is read from its folder.</summary>
    public static InferenceSession Open(string path)
    {
        using var options = Options();
        return new InferenceSession(path, options);
    }

    private static SessionOptions Options() =>
        new() { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };

    /// <summary>Runs <paramref name="model"/> on random inputs drawn with <paramref name="seed"/> (dynamic dimensions set to <paramref name="batch"/>).</summary>
    public static IReadOnlyDictionary<string, OrtTensor> RunSeeded(byte[] model, int seed, int batch = 1)
    {
        using var session = Open(model);
        return Run(session, RandomInputs(session, seed, batch));
    }

    /// <summary>Runs the model file at <paramref name="path"/> (with any external data next to it) on seeded random inputs.</summary>
    public static IReadOnlyDictionary<string, OrtTensor> RunSeeded(string path, int seed, int batch = 1)
    {
        using var session = Open(path);
        return Run(session, RandomInputs(session, seed, batch));
    }

    /// <summary>
    /// Uniform values in [-1, 1) for every float input of the session, inputs taken in name order;
    /// dynamic dimensions become <paramref name="batch"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, OrtTensor> RandomInputs(InferenceSession session, int seed, int batch = 1)
    {
        var random = new Random(seed);
        var inputs = new SortedDictionary<string, OrtTensor>(StringComparer.Ordinal);
        foreach (var (name, meta) in session.InputMetadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (meta.ElementDataType != TensorElementType.Float)
                throw new NotSupportedException($"input '{name}' is {meta.ElementDataType}; OrtRunner feeds float inputs only");
            long[] shape = [.. meta.Dimensions.Select(d => d < 0 ? (long)batch : d)];
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
            inputs[name] = new OrtTensor(shape, values);
        }
        return inputs;
    }

    /// <summary>Runs the session on <paramref name="inputs"/> and returns every output as floats.</summary>
    public static IReadOnlyDictionary<string, OrtTensor> Run(InferenceSession session, IReadOnlyDictionary<string, OrtTensor> inputs)
    {
        var names = inputs.Keys.ToArray();
        var values = names.Select(n => OrtValue.CreateTensorValueFromMemory(inputs[n].Values, inputs[n].Shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            var outputNames = session.OutputNames.ToArray();
            using var outputs = session.Run(runOptions, names, values, outputNames);
            var result = new Dictionary<string, OrtTensor>(StringComparer.Ordinal);
            for (int i = 0; i < outputNames.Length; i++)
            {
                var o = outputs.ElementAt(i);
                result[outputNames[i]] = new OrtTensor(o.GetTensorTypeAndShape().Shape, o.GetTensorDataAsSpan<float>().ToArray());
            }
            return result;
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    /// <summary>The largest absolute difference between two sets of outputs; asserts they have the same names and shapes.</summary>
    public static double MaxAbsDiff(IReadOnlyDictionary<string, OrtTensor> expected, IReadOnlyDictionary<string, OrtTensor> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        double max = 0;
        foreach (var (name, e) in expected)
        {
            var a = actual[name];
            Assert.Equal(e.Shape, a.Shape);
            for (int i = 0; i < e.Values.Length; i++) max = Math.Max(max, Math.Abs((double)e.Values[i] - a.Values[i]));
        }
        return max;
    }
}
