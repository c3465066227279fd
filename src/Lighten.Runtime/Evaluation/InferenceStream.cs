using System.Diagnostics;
using Lighten.Core;
using Lighten.Data;
using Lighten.Data.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime;

/// <summary>
/// Runs a single-input image model over prepared batches from a <see cref="BatchStream"/>: checks that the model's input
/// agrees with the preprocessing, wraps each batch's buffer as the input tensor (no copy) and hands the first output
/// (float32) to a per-task decoder.
/// </summary>
internal static class InferenceStream
{
    /// <summary>The output of one batch: <see cref="Count"/> samples of <see cref="SampleLength"/> floats each.</summary>
    public readonly ref struct Output(ReadOnlySpan<float> data, long[] shape, int count)
    {
        public ReadOnlySpan<float> Data { get; } = data;

        /// <summary>The output's shape as run (the batch may include padding).</summary>
        public long[] Shape { get; } = shape;

        public int Count { get; } = count;

        public int SampleLength => Shape[0] == 0 ? 0 : (int)(Data.Length / Shape[0]);

        public ReadOnlySpan<float> Sample(int i) => Data.Slice(i * SampleLength, SampleLength);
    }

    public delegate void Decode<TContext>(PreparedBatch<TContext> batch, Output output);

    /// <summary>Streams <paramref name="count"/> samples; returns the number skipped and the wall time.</summary>
    public static (int Skipped, TimeSpan Elapsed) Run<TContext>(ModelSession session, Preprocess preprocess, int count,
        EvaluationOptions options, Func<int, Span<float>, TContext> prepare, Decode<TContext> decode, CancellationToken cancellationToken)
    {
        int? fixedBatch = CheckInput(session, preprocess);
        var streamOptions = new BatchStreamOptions
        {
            BatchSize = fixedBatch ?? options.BatchSize,
            Workers = options.Workers,
            Capacity = options.Capacity,
        };
        streamOptions.Validate();
        int done = 0;
        var clock = Stopwatch.StartNew();
        int skipped = BatchStream.Run(count, preprocess.ElementCount, streamOptions, prepare, batch =>
        {
            int runBatch = fixedBatch ?? batch.Count;
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                batch.Data.AsMemory(0, runBatch * batch.SampleLength), [runBatch, 3, preprocess.Height, preprocess.Width]);
            using var outputs = session.Run([input]);
            var first = outputs.First();
            var info = first.GetTensorTypeAndShape();
            if (info.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
                throw new SessionException($"output '{session.Outputs[0].Name}' is {info.ElementDataType}; evaluation reads float32 outputs", session.Path);
            if (info.Shape.Length == 0 || info.Shape[0] != runBatch)
                throw new SessionException($"output '{session.Outputs[0].Name}' has shape {string.Join("x", info.Shape)}, which does not start with the batch size {runBatch}", session.Path);
            decode(batch, new Output(first.GetTensorDataAsSpan<float>(), info.Shape, batch.Count));
            done += batch.Count;
            options.Progress?.Invoke(done, count);
        }, options.SkipBad ? e => e is DataException : null, cancellationToken);
        return (skipped, clock.Elapsed);
    }

    /// <summary>Checks the model's single input against [N, 3, height, width]; returns the batch size when the model fixes it.</summary>
    private static int? CheckInput(ModelSession session, Preprocess preprocess)
    {
        if (session.Inputs.Count != 1)
            throw new SessionException($"evaluation feeds one image input, the model has {session.Inputs.Count} inputs ({string.Join(", ", session.Inputs.Select(i => i.Name))})", session.Path);
        var input = session.Inputs[0];
        if (input.ElementType != ElementType.Float)
            throw new SessionException($"input '{input.Name}' is {input.ElementType}; evaluation feeds float32 images", session.Path);
        long[] expected = [-1, 3, preprocess.Height, preprocess.Width];
        var shape = input.Shape;
        bool agrees = shape is { Rank: 4 } && Enumerable.Range(1, 3).All(i => shape.Dims[i].Value is not long v || v == expected[i]);
        if (!agrees)
            throw new DataException($"model input '{input.Name}' has shape {shape?.ToString() ?? "?"} but the preprocessing makes " +
                $"Nx3x{preprocess.Height}x{preprocess.Width} ({OptionKey.Ref(OptionKey.Size)} {preprocess.Width}x{preprocess.Height})", session.Path);
        return shape!.Dims[0].Value is long b ? (int)b : null;
    }

    /// <summary>The input size the model fixes, as a preprocessing spec with default normalization, or null when it is symbolic.</summary>
    public static Preprocess? DefaultPreprocess(ModelSession session) => Preprocess.OfModelInput(session.Inputs);
}
