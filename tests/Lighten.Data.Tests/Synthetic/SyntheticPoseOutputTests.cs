using System.Text.Json;
using Lighten.Core;
using Lighten.Data.Pose;
using Lighten.Data.Synthetic;
using SkiaSharp;

namespace Lighten.Data.Tests.Synthetic;

/// <summary>The written data set: COCO JSON per the shared schema, PNG files, and the rules for the output folder.</summary>
public class SyntheticPoseOutputTests
{
    [Fact]
    public void Writes_coco_json_with_16_mpii_joints_and_matching_images()
    {
        using var temp = new TempFolder();
        string dir = temp.Combine("set");
        var summary = SyntheticPose.Generate(dir, count: 8, size: 96, seed: 5);

        Assert.Equal(Path.GetFullPath(dir), summary.Folder);
        Assert.Equal(8 * 16, summary.VisibleJoints + summary.OccludedJoints + summary.OutsideJoints);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "annotations.json")));
        var root = doc.RootElement;
        var category = root.GetProperty("categories").EnumerateArray().Single();
        Assert.Equal(1, category.GetProperty("id").GetInt32());
        Assert.Equal("person", category.GetProperty("name").GetString());
        Assert.Equal(
            ["r_ankle", "r_knee", "r_hip", "l_hip", "l_knee", "l_ankle", "pelvis", "thorax", "upper_neck", "head_top", "r_wrist", "r_elbow", "r_shoulder", "l_shoulder", "l_elbow", "l_wrist"],
            category.GetProperty("keypoints").EnumerateArray().Select(k => k.GetString()));
        Assert.All(category.GetProperty("skeleton").EnumerateArray(), bone => Assert.All(bone.EnumerateArray(), end => Assert.InRange(end.GetInt32(), 1, 16)));

        var images = root.GetProperty("images").EnumerateArray().ToList();
        var annotations = root.GetProperty("annotations").EnumerateArray().ToList();
        Assert.Equal(8, images.Count);
        Assert.Equal(8, annotations.Count);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(i + 1, images[i].GetProperty("id").GetInt32());
            Assert.Equal($"images/{i + 1:D6}.png", images[i].GetProperty("file_name").GetString());
            using (var bitmap = SKBitmap.Decode(Path.Combine(dir, images[i].GetProperty("file_name").GetString()!)))
            {
                Assert.Equal(96, bitmap.Width);
                Assert.Equal(96, bitmap.Height);
            }
            Assert.Equal(96, images[i].GetProperty("width").GetInt32());
            Assert.Equal(96, images[i].GetProperty("height").GetInt32());
            CheckAnnotation(annotations[i], i + 1, 96);
        }
    }

    private static void CheckAnnotation(JsonElement a, int imageId, int size)
    {
        Assert.Equal(imageId, a.GetProperty("image_id").GetInt32());
        Assert.Equal(1, a.GetProperty("category_id").GetInt32());
        Assert.Equal(0, a.GetProperty("iscrowd").GetInt32());
        var box = Numbers(a, "bbox");
        Assert.Equal(box[2] * box[3], a.GetProperty("area").GetDouble(), 0.05);
        Assert.True(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= size && box[1] + box[3] <= size);
        var k = Numbers(a, "keypoints");
        Assert.Equal(48, k.Length);
        Assert.Equal(Enumerable.Range(0, 16).Count(j => k[3 * j + 2] > 0), a.GetProperty("num_keypoints").GetInt32());
        for (int j = 0; j < 16; j++)
        {
            double x = k[3 * j], y = k[3 * j + 1], v = k[3 * j + 2];
            Assert.Contains(v, new[] { 0.0, 1.0, 2.0 });
            if (v == 0) Assert.True(x == 0 && y == 0);
            else Assert.True(x >= box[0] - 0.01 && x <= box[0] + box[2] + 0.01 && y >= box[1] - 0.01 && y <= box[1] + box[3] + 0.01, $"annotation {imageId}: joint {j} outside its bbox");
        }
        var head = Numbers(a, "head_box");
        foreach (int j in new[] { 8, 9 })
            if (k[3 * j + 2] > 0) Assert.True(k[3 * j] >= head[0] - 0.01 && k[3 * j] <= head[2] + 0.01 && k[3 * j + 1] >= head[1] - 0.01 && k[3 * j + 1] <= head[3] + 0.01);
    }

    [Fact]
    public void The_coco_loader_reads_the_set_with_head_boxes()
    {
        using var temp = new TempFolder();
        string dir = temp.Combine("set");
        var summary = SyntheticPose.Generate(dir, count: 6, size: 128, seed: 9);

        var dataset = CocoKeypointsDataset.Load(Path.Combine(dir, "annotations.json"));
        Assert.Equal(MpiiJoints.Names, dataset.KeypointNames);
        Assert.Equal(6, dataset.Images.Count);
        Assert.Equal(6, dataset.Annotations.Count);
        Assert.True(dataset.HasHeadBoxes);
        Assert.All(dataset.Images, image => Assert.True(File.Exists(dataset.ImagePath(image))));
        Assert.Equal(summary.VisibleJoints, dataset.Annotations.Sum(a => a.Keypoints.Count(k => k.Visibility == 2)));
        Assert.Equal(summary.OccludedJoints, dataset.Annotations.Sum(a => a.Keypoints.Count(k => k.Visibility == 1)));
    }

    [Fact]
    public void Refuses_a_non_empty_folder_unless_forced_and_keeps_other_files()
    {
        using var temp = new TempFolder();
        string dir = temp.Combine("set");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

        var error = Assert.Throws<OptionException>(() => SyntheticPose.Generate(dir, 2, 64, 1));
        Assert.Contains("not empty", error.Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "images")));

        SyntheticPose.Generate(dir, new SyntheticPoseOptions { Count = 2, Size = 64, Force = true });
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "images")).Length);
    }

    [Fact]
    public void Replaces_a_previous_output_without_force_and_leaves_no_staging_folder()
    {
        using var temp = new TempFolder();
        string dir = temp.Combine("set");
        SyntheticPose.Generate(dir, 5, 64, 1);
        SyntheticPose.Generate(dir, 3, 64, 2);

        Assert.Equal(["000001.png", "000002.png", "000003.png"], Directory.GetFiles(Path.Combine(dir, "images")).Select(Path.GetFileName).Order());
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "annotations.json")));
        Assert.Equal(3, doc.RootElement.GetProperty("images").GetArrayLength());
        Assert.Equal(["set"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
        Assert.Equal(["annotations.json", "images"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData(0, 128, "count")]
    [InlineData(5, 16, "size")]
    public void Rejects_bad_counts_and_sizes(int count, int size, string named)
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<OptionException>(() => SyntheticPose.Generate(temp.Combine("set"), count, size, 0));
        Assert.Contains(named, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Rejects_a_file_as_output_folder()
    {
        using var temp = new TempFolder();
        string file = temp.Combine("file.txt");
        File.WriteAllText(file, "x");
        Assert.Throws<OptionException>(() => SyntheticPose.Generate(file, 1, 64, 0));
    }

    private static double[] Numbers(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(n => n.GetDouble()).ToArray();
}
