using Lighten.Data;
using Lighten.Data.Imaging;
using Lighten.Data.Pose;

namespace Lighten.Runtime.Tests;

public class PoseEvaluationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Gives_the_hand_computed_pckh_per_joint_and_oks_ap(int batchSize)
    {
        var (_, annotations, model) = EvaluationFixtures.Blocks();
        using var session = ModelSession.Open(model, new SessionOptionsSpec { IntraOpThreads = 1 });
        var result = Evaluator.Pose(session, CocoKeypointsDataset.Load(annotations), new Preprocess(64, 64),
            new EvaluationOptions { BatchSize = batchSize });

        Assert.Equal("pose", result.Task);
        Assert.Equal("PCKh@0.5", result.Primary.Name);
        Assert.Equal(EvaluationFixtures.BlocksPckh, result.Primary.Value, 12);
        Assert.Equal(2, result.Samples);
        Assert.Equal(MpiiJoints.Names, result.PerJoint.Select(m => m.Name));
        double[] perJoint = [1, 1, 1, 1, .. Enumerable.Repeat(0.5, 11), 1];
        Assert.Equal(perJoint, result.PerJoint.Select(m => m.Value));
        var metrics = result.Metrics.ToDictionary(m => m.Name, m => m.Value);
        Assert.Equal(EvaluationFixtures.BlocksOksAp, metrics["OKS AP"], 12);
        Assert.Equal(EvaluationFixtures.BlocksOksAp, metrics["OKS AP50"], 12);
        Assert.Equal(EvaluationFixtures.BlocksOksAp, metrics["OKS AP75"], 12);
    }

    [Fact]
    public void Missing_image_names_the_file_or_is_skipped()
    {
        var (folder, annotations, model) = EvaluationFixtures.Blocks();
        var missing = Path.Combine(folder, "images", "000002.png");
        File.Delete(missing);
        using var session = ModelSession.Open(model);
        var dataset = CocoKeypointsDataset.Load(annotations);
        var e = Assert.Throws<DataException>(() => Evaluator.Pose(session, dataset, new Preprocess(64, 64)));
        Assert.Equal(missing, e.File);

        var result = Evaluator.Pose(session, dataset, new Preprocess(64, 64), new EvaluationOptions { SkipBad = true });
        Assert.Equal(1, result.Skipped);
        Assert.Equal(1, result.Samples);
        Assert.Equal(1.0, result.Primary.Value);
    }

    [Fact]
    public void Heatmaps_that_do_not_match_the_joints_are_an_error()
    {
        var (folder, annotations, _) = EvaluationFixtures.Blocks();
        using var session = ModelSession.Open(TinyModels.ColorClassifier(folder));
        var e = Assert.Throws<DataException>(() => Evaluator.Pose(session, CocoKeypointsDataset.Load(annotations), new Preprocess(8, 8)));
        Assert.Contains("Nx16xHxW", e.Message);
    }
}
