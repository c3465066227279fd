using System.Text.Json;
using Lighten.Data.Pose;
using SkiaSharp;

namespace Lighten.Runtime.Tests;

/// <summary>Tiny datasets and models whose metrics are worked out by hand (shared with the CLI tests).</summary>
public static class EvaluationFixtures
{
    private static readonly SKColor Red = new(200, 20, 20), Green = new(20, 200, 20), Blue = new(20, 20, 200);

    /// <summary>Top-1 of <see cref="Colors"/>.</summary>
    public const double ColorsTop1 = 4.0 / 6;

    /// <summary>
    /// An ImageFolder of 8x8 solid images in classes a, b, c (labels 0, 1, 2) and a model that picks the strongest channel
    /// (R → 0, G → 1, B → 2). a: red, red, green (2 right) · b: green, blue (1 right) · c: blue (1 right) →
    /// top-1 = 4/6, top-5 = 6/6.
    /// </summary>
    public static (string Data, string Model) Colors()
    {
        var root = TestFiles.TempDir();
        var data = Path.Combine(root, "data");
        (string Class, SKColor Color)[] images = [("a", Red), ("a", Red), ("a", Green), ("b", Green), ("b", Blue), ("c", Blue)];
        for (int i = 0; i < images.Length; i++) TestImages.Solid(Path.Combine(data, images[i].Class, $"{i}.png"), 8, images[i].Color);
        return (data, TinyModels.ColorClassifier(root));
    }

    /// <summary>PCKh@0.5 of <see cref="Blocks"/>.</summary>
    public const double BlocksPckh = 20.0 / 31;

    /// <summary>OKS AP of <see cref="Blocks"/> (and AP50, AP75).</summary>
    public const double BlocksOksAp = 51.0 / 101;

    /// <summary>
    /// A COCO keypoints folder with two 64x64 black images, each with a 4x4 block at pixels [32, 36): white in image 1,
    /// gray 128 in image 2. Both people have the box (6.4, 6.4, 51.2, 51.2), which the top-down crop (x1.25 padding)
    /// turns into the whole image at scale 1, and a 20x20 head box (PCKh threshold 0.5 x 0.6 x 20√2 ≈ 8.5 px).
    /// The model's heatmaps all peak at cell (8, 8) with flat neighbours, so every joint is predicted at
    /// ((8 + 0.5) x 4, same) = (34, 34), scored 1 (image 1) or 128/255 (image 2).
    /// Person 1: all 16 joints labeled at (34, 34). Person 2: joints 0-3 at (34, 34), 4-14 at (2, 2), 15 not labeled.
    /// PCKh: (16 + 4) / 31; per joint 1 for 0-3 and 15, 1/2 for 4-14.
    /// OKS: person 1 is 1; person 2 is about 4/15 (far joints contribute ~0), below every threshold. Ranked by score, a
    /// true positive (recall 1/2, precision 1) precedes a false positive, so AP = 51/101 at every threshold (101 recall points).
    /// </summary>
    public static (string Folder, string Annotations, string Model) Blocks()
    {
        var root = TestFiles.TempDir();
        var block = new SKRectI(32, 32, 36, 36);
        TestImages.Block(Path.Combine(root, "images", "000001.png"), 64, block, 255);
        TestImages.Block(Path.Combine(root, "images", "000002.png"), 64, block, 128);
        float[] near = [34, 34, 2], far = [2, 2, 2], unlabeled = [0, 0, 0];
        float[] person1 = [.. Enumerable.Range(0, 16).SelectMany(_ => near)];
        float[] person2 = [.. Enumerable.Range(0, 16).SelectMany(j => j < 4 ? near : j < 15 ? far : unlabeled)];
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
        var annotations = Path.Combine(root, "annotations.json");
        File.WriteAllText(annotations, JsonSerializer.Serialize(json));
        return (root, annotations, TinyModels.BrightnessPose(root));
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
}
