using System.Text.Json;
using Lighten.Data;
using Lighten.Data.Imaging;
using Lighten.Data.Pose;
using SkiaSharp;

namespace Lighten.Runtime.Tests;

public class PoseEvaluationTests
{
    /// <summary>
    /// Two 64x64 black images with a 4x4 block at pixels [32, 36): white in image 1, gray 128 in image 2. Both people have
    /// the box (6.4, 6.4, 51.2, 51.2), which the top-down crop (x1.25 padding) turns into the whole image at scale 1, and the
    /// head box 20x20 (PCKh threshold 0.5 x 0.6 x 20√2 ≈ 8.5 px). The model's heatmaps all peak at cell (8, 8) with flat
    /// neighbours, so every joint is predicted at ((8 + 0.5) x 4, same) = (34, 34), scored 1 (image 1) or 128/255 (image 2).
    /// Person 1: all 16 joints labeled at (34, 34). Person 2: joints 0-3 at (34, 34), 4-14 at (2, 2), 15 not labeled.
    /// PCKh: (16 + 4) / 31; per joint 1 for 0-3 and 15, 1/2 for 4-14.
    /// OKS: person 1 is 1; person 2 is about 4/15 (far joints contribute ~0), below every threshold. Ranked by score, a true
    /// positive (recall 1/2, precision 1) precedes a false positive, so AP = 51/101 at every threshold (101 recall points).
    /// </summary>
    private static (string Annotations, string Model, string Folder) Fixture()
    {
        var root = TestFiles.TempDir();
        var block = new SKRectI(32, 32, 36, 36);
        TestImages.Block(Path.Combine(root, "images", "000001.png"), 64, block, 255);
        TestImages.Block(Path.Combine(root, "images", "000002.png"), 64, block, 128);
        var near = new[] { 34f, 34, 2 };
        var far = new[] { 2f, 2, 2 };
        float[] person1 = [.. Enumerable.Range(0, 16).SelectMany(_ => near)];
        float[] person2 = [.. Enumerable.Range(0, 16).SelectMany(j => j < 4 ? near : j < 15 ? far : [0f, 0, 0])];
        var json = new
        {
            info = new { description = "runtime test" },
            images = new[]
            {
                new { id = 1, file_name = "images/000001.png", width = 64, height = 64 },
                new { id = 2, file_name = "images/000002.png", width = 64, height = 64 },
            },
            annotations = new[] { Person(1, person1, 16), Person(2, person2, 15) },
            categories = new[] { new { id = 1, name = "person", keypoints = MpiiJoints.Names, skeleton = new[] { new[] { 1, 2 } } } },
        };
        var path = Path.Combine(root, "annotations.json");
        File.WriteAllText(path, JsonSerializer.Serialize(json));
        return (path, TinyModels.BrightnessPose(root), root);
    }

    private static object Person(int id, float[] keypoints, int labeled) => new
    {
        id,
        image_id = id,
        category_id = 1,
        bbox = new[] { 6.4f, 6.4f, 51.2f, 51.2f },
        area = 51.2f * 51.2f,
        iscrowd = 0,
        num_keypoints = labeled,
        keypoints,
        head_box = new[] { 24, 24, 44, 44 },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Gives_the_hand_computed_pckh_per_joint_and_oks_ap(int batchSize)
    {
        var (annotations, model, _) = Fixture();
        using var session = ModelSession.Open(model, new SessionOptionsSpec { IntraOpThreads = 1 });
        var result = Evaluator.Pose(session, CocoKeypointsDataset.Load(annotations), new Preprocess(64, 64),
            new EvaluationOptions { BatchSize = batchSize });

        Assert.Equal("pose", result.Task);
        Assert.Equal("PCKh@0.5", result.Primary.Name);
        Assert.Equal(20.0 / 31, result.Primary.Value, 12);
        Assert.Equal(2, result.Samples);
        Assert.Equal(MpiiJoints.Names, result.PerJoint.Select(m => m.Name));
        double[] perJoint = [1, 1, 1, 1, .. Enumerable.Repeat(0.5, 11), 1];
        Assert.Equal(perJoint, result.PerJoint.Select(m => m.Value));
        var ap = result.Metrics.ToDictionary(m => m.Name, m => m.Value);
        Assert.Equal(51.0 / 101, ap["OKS AP"], 12);
        Assert.Equal(51.0 / 101, ap["OKS AP50"], 12);
        Assert.Equal(51.0 / 101, ap["OKS AP75"], 12);
    }

    [Fact]
    public void Missing_image_names_the_file_or_is_skipped()
    {
        var (annotations, model, folder) = Fixture();
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
        var (annotations, _, folder) = Fixture();
        using var session = ModelSession.Open(TinyModels.ColorClassifier(folder));
        var e = Assert.Throws<DataException>(() => Evaluator.Pose(session, CocoKeypointsDataset.Load(annotations), new Preprocess(8, 8)));
        Assert.Contains("16", e.Message);
    }
}
