using System.Diagnostics;
using System.Globalization;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;
using Lighten.Runtime;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace Lighten.Bench.Runtime;

/// <summary>
/// Images per second of <see cref="Evaluator"/> (decode PNG, preprocess, infer, score) against the bare session running
/// the same number of batches from memory, on a synthetic ImageFolder dataset of noisy PNGs; alternated in rounds.
/// Also prints the decoding alone (one thread) and the throughput a serial decode-then-infer loop would reach, so that
/// the overlap can be judged: on two cores the evaluator cannot beat the slower of the two stages.
/// </summary>
public static class EvaluationThroughput
{
    public static double Run(string model, SessionOptionsSpec spec, int images, int imageSize, int batchSize, int workers, int rounds, TextWriter output)
    {
        var folder = WriteDataset(images, imageSize, classes: 10);
        try
        {
            var dataset = ImageFolderDataset.Load(folder, validationFraction: 1);
            using var session = ModelSession.Open(model, spec);
            var preprocess = Evaluator.DefaultPreprocess(session) ?? throw new InvalidOperationException("the model's input size is symbolic");
            var options = new EvaluationOptions { BatchSize = batchSize, Workers = workers };
            Evaluator.Classify(session, dataset, preprocess, options);
            Bare(session, batchSize, images);

            var evaluation = new List<double>();
            var bare = new List<double>();
            var decode = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                double Evaluate() => Evaluator.Classify(session, dataset, preprocess, options).SamplesPerSecond;
                double RunBare() => Bare(session, batchSize, images);
                if (round % 2 == 0)
                {
                    evaluation.Add(Evaluate());
                    bare.Add(RunBare());
                }
                else
                {
                    bare.Add(RunBare());
                    evaluation.Add(Evaluate());
                }
                decode.Add(DecodeOnly(dataset.Validation, preprocess));
            }
            double e = Median(evaluation), b = Median(bare), d = Median(decode), ratio = e / b;
            output.WriteLine(F($"{Path.GetFileName(model)}  threads={spec.Threads}  {images} PNGs of {imageSize}x{imageSize} → {preprocess.Width}x{preprocess.Height}, batch {batchSize}, {workers} decode worker(s), median of {rounds} rounds"));
            output.WriteLine(F($"  evaluator            {e,8:0.0} images/s   (rounds: {List(evaluation)})"));
            output.WriteLine(F($"  bare session         {b,8:0.0} images/s   (rounds: {List(bare)})"));
            output.WriteLine(F($"  decode+preprocess    {d,8:0.0} images/s   (one thread, no inference)"));
            output.WriteLine(F($"  serial decode+infer  {1 / (1 / b + 1 / d),8:0.0} images/s   (what no overlap would give)"));
            output.WriteLine(F($"  evaluator / bare = {ratio:0.000}"));
            return ratio;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Images per second of the session alone: the same number of images in batches of the same size, inputs prepared beforehand.</summary>
    private static double Bare(ModelSession session, int batchSize, int images)
    {
        using var inputs = InputTensors.Create(session.Inputs, session.Path, batchSize);
        using var runOptions = new RunOptions();
        int batches = (images + batchSize - 1) / batchSize;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < batches; i++)
        {
            using var outputs = session.Session.Run(runOptions, inputs.Names, inputs.Values, session.Session.OutputNames);
        }
        return batches * batchSize / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double DecodeOnly(IReadOnlyList<ImageSample> samples, Preprocess preprocess)
    {
        var tensor = new float[preprocess.ElementCount];
        long start = Stopwatch.GetTimestamp();
        foreach (var sample in samples)
        {
            using var image = ImageLoader.Load(sample.Path);
            preprocess.WriteTensor(image, tensor);
        }
        return samples.Count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static string WriteDataset(int images, int size, int classes)
    {
        var root = Path.Combine(Path.GetTempPath(), "lighten-bench-eval-" + Guid.NewGuid().ToString("N"));
        var random = new Random(1);
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        for (int i = 0; i < images; i++)
        {
            var dir = Path.Combine(root, $"class{i % classes}");
            Directory.CreateDirectory(dir);
            var pixels = bitmap.GetPixelSpan();
            random.NextBytes(pixels);
            for (int p = 3; p < pixels.Length; p += 4) pixels[p] = 255;
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(dir, $"{i:D5}.png"), data.ToArray());
        }
        return root;
    }

    private static double Median(List<double> values) => Statistics.Median([.. values.Order()]);

    private static string List(List<double> values) => string.Join(" ", values.Select(x => x.ToString("0", CultureInfo.InvariantCulture)));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
