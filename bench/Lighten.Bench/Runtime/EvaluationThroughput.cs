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
/// the same batches from memory, on a synthetic ImageFolder dataset of noisy PNGs. The two are alternated in rounds.
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
            }
            double e = Median(evaluation), b = Median(bare), ratio = e / b;
            output.WriteLine(F($"{Path.GetFileName(model)}  threads={spec.Threads}  {images} PNGs of {imageSize}x{imageSize} → {preprocess.Width}x{preprocess.Height}, batch {batchSize}, {workers} decode worker(s), {rounds} rounds"));
            output.WriteLine(F($"  evaluator      {e,9:0.0} images/s   (rounds: {string.Join(" ", evaluation.Select(x => x.ToString("0", CultureInfo.InvariantCulture)))})"));
            output.WriteLine(F($"  bare session   {b,9:0.0} images/s   (rounds: {string.Join(" ", bare.Select(x => x.ToString("0", CultureInfo.InvariantCulture)))})"));
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

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
