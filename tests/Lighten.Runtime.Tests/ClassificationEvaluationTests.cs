using Lighten.Data;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;
using SkiaSharp;

namespace Lighten.Runtime.Tests;

public class ClassificationEvaluationTests
{
    private static readonly SKColor Red = new(200, 20, 20), Green = new(20, 200, 20), Blue = new(20, 20, 200);

    /// <summary>
    /// Classes a, b, c (labels 0, 1, 2); the model picks the strongest channel (R → 0, G → 1, B → 2).
    /// a: red, red, green (2 right) · b: green, blue (1 right) · c: blue (1 right) → top-1 = 4/6, top-5 = 6/6.
    /// </summary>
    private static (string Root, string Model) Fixture()
    {
        var root = TestFiles.TempDir();
        var data = Path.Combine(root, "data");
        (string Class, SKColor Color)[] images = [("a", Red), ("a", Red), ("a", Green), ("b", Green), ("b", Blue), ("c", Blue)];
        for (int i = 0; i < images.Length; i++) TestImages.Solid(Path.Combine(data, images[i].Class, $"{i}.png"), 8, images[i].Color);
        return (data, TinyModels.ColorClassifier(root));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 2)]
    public void Gives_the_hand_computed_accuracy(int batchSize, int workers)
    {
        var (data, model) = Fixture();
        using var session = ModelSession.Open(model, new SessionOptionsSpec { IntraOpThreads = 1 });
        var dataset = ImageFolderDataset.Load(data, validationFraction: 1);
        var progress = new List<int>();
        var result = Evaluator.Classify(session, dataset, new Preprocess(8, 8),
            new EvaluationOptions { BatchSize = batchSize, Workers = workers, Progress = (done, total) => progress.Add(done) });
        Assert.Equal("classify", result.Task);
        Assert.Equal(new Metric("top1", 4.0 / 6), result.Primary);
        Assert.Equal([new Metric("top1", 4.0 / 6), new Metric("top5", 1.0)], result.Metrics);
        Assert.Equal(6, result.Samples);
        Assert.Equal(0, result.Skipped);
        Assert.Equal(6, progress[^1]);
        Assert.Equal(model, result.Model);
    }

    [Fact]
    public void Input_shape_that_disagrees_with_the_preprocessing_names_both_shapes()
    {
        var (data, model) = Fixture();
        using var session = ModelSession.Open(model);
        var e = Assert.Throws<DataException>(() =>
            Evaluator.Classify(session, ImageFolderDataset.Load(data, validationFraction: 1), new Preprocess(16, 12)));
        Assert.Contains("batchx3x8x8", e.Message);
        Assert.Contains("Nx3x12x16", e.Message);
        Assert.Equal(model, e.File);
    }

    [Fact]
    public void Corrupt_image_names_the_file_or_is_skipped_and_counted()
    {
        var (data, model) = Fixture();
        var bad = Path.Combine(data, "c", "9.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
        using var session = ModelSession.Open(model);
        var dataset = ImageFolderDataset.Load(data, validationFraction: 1);
        var e = Assert.Throws<DataException>(() => Evaluator.Classify(session, dataset, new Preprocess(8, 8)));
        Assert.Equal(bad, e.File);

        var result = Evaluator.Classify(session, dataset, new Preprocess(8, 8), new EvaluationOptions { SkipBad = true });
        Assert.Equal(1, result.Skipped);
        Assert.Equal(6, result.Samples);
        Assert.Equal(4.0 / 6, result.Primary.Value);
    }

    [Fact]
    public void More_classes_than_model_scores_is_an_error()
    {
        var (data, model) = Fixture();
        using var session = ModelSession.Open(model);
        var samples = new[] { new ImageSample(Path.Combine(data, "a", "0.png"), 0) };
        var e = Assert.Throws<DataException>(() => Evaluator.Classify(session, samples, classCount: 10, new Preprocess(8, 8)));
        Assert.Contains("10 classes", e.Message);
    }
}
