using Lighten.Data;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;

namespace Lighten.Runtime.Tests;

public class ClassificationEvaluationTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 2)]
    public void Gives_the_hand_computed_accuracy(int batchSize, int workers)
    {
        var (data, model) = EvaluationFixtures.Colors();
        using var session = ModelSession.Open(model, new SessionOptionsSpec { IntraOpThreads = 1 });
        var dataset = ImageFolderDataset.Load(data, validationFraction: 1);
        var progress = new List<int>();
        var result = Evaluator.Classify(session, dataset, new Preprocess(8, 8),
            new EvaluationOptions { BatchSize = batchSize, Workers = workers, Progress = (done, total) => progress.Add(done) });
        Assert.Equal("classify", result.Task);
        Assert.Equal(new Metric("top1", EvaluationFixtures.ColorsTop1), result.Primary);
        Assert.Equal([new Metric("top1", EvaluationFixtures.ColorsTop1), new Metric("top5", 1.0)], result.Metrics);
        Assert.Equal(6, result.Samples);
        Assert.Equal(0, result.Skipped);
        Assert.Equal(6, progress[^1]);
        Assert.Equal(model, result.Model);
    }

    [Fact]
    public void Input_shape_that_disagrees_with_the_preprocessing_names_both_shapes()
    {
        var (data, model) = EvaluationFixtures.Colors();
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
        var (data, model) = EvaluationFixtures.Colors();
        var bad = Path.Combine(data, "c", "9.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
        using var session = ModelSession.Open(model);
        var dataset = ImageFolderDataset.Load(data, validationFraction: 1);
        var e = Assert.Throws<DataException>(() => Evaluator.Classify(session, dataset, new Preprocess(8, 8)));
        Assert.Equal(bad, e.File);

        var result = Evaluator.Classify(session, dataset, new Preprocess(8, 8), new EvaluationOptions { SkipBad = true });
        Assert.Equal(1, result.Skipped);
        Assert.Equal(6, result.Samples);
        Assert.Equal(EvaluationFixtures.ColorsTop1, result.Primary.Value);
    }

    [Fact]
    public void More_classes_than_model_scores_is_an_error()
    {
        var (data, model) = EvaluationFixtures.Colors();
        using var session = ModelSession.Open(model);
        var samples = new[] { new ImageSample(Path.Combine(data, "a", "0.png"), 0) };
        var e = Assert.Throws<DataException>(() => Evaluator.Classify(session, samples, classCount: 10, new Preprocess(8, 8)));
        Assert.Contains("10 classes", e.Message);
    }

    [Fact]
    public void Default_preprocess_takes_the_model_input_size()
    {
        var (_, model) = EvaluationFixtures.Colors();
        using var session = ModelSession.Open(model);
        Assert.Equal(new Preprocess(8, 8), Evaluator.DefaultPreprocess(session));
    }
}
