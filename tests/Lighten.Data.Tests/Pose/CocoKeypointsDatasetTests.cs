using System.Text.Json.Nodes;
using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Pose;

public sealed class CocoKeypointsDatasetTests
{
    private static JsonObject Annotation(int id, int imageId, bool headBox)
    {
        var keypoints = new JsonArray();
        for (int j = 0; j < 16; j++)
        {
            keypoints.Add(10 + j);
            keypoints.Add(20.5 + j);
            keypoints.Add(j % 3);
        }
        var a = new JsonObject
        {
            ["id"] = id, ["image_id"] = imageId, ["category_id"] = 1, ["bbox"] = new JsonArray(5, 6, 40, 80),
            ["area"] = 3200, ["iscrowd"] = 0, ["num_keypoints"] = 11, ["keypoints"] = keypoints,
        };
        if (headBox) a["head_box"] = new JsonArray(30, 8, 20, 24);
        return a;
    }

    private static JsonObject Document() => new()
    {
        ["info"] = new JsonObject { ["description"] = "test" },
        ["images"] = new JsonArray(
            new JsonObject { ["id"] = 1, ["file_name"] = "images/000001.png", ["width"] = 128, ["height"] = 96 },
            new JsonObject { ["id"] = 2, ["file_name"] = "images/000002.png", ["width"] = 128, ["height"] = 96 }),
        ["annotations"] = new JsonArray(Annotation(7, 1, headBox: true), Annotation(8, 2, headBox: false)),
        ["categories"] = new JsonArray(new JsonObject
        {
            ["id"] = 1, ["name"] = "person",
            ["keypoints"] = new JsonArray(MpiiJoints.Names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["skeleton"] = new JsonArray(new JsonArray(1, 2), new JsonArray(15, 16)),
        }),
    };

    private static string Write(JsonNode document)
    {
        var path = Path.Combine(TestImages.TempDir(), "annotations.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    [Fact]
    public void Loads_images_annotations_and_category()
    {
        var path = Write(Document());
        var data = CocoKeypointsDataset.Load(path);
        Assert.Equal(2, data.Images.Count);
        Assert.Equal(MpiiJoints.Names, data.KeypointNames);
        Assert.Equal([(0, 1), (14, 15)], data.Skeleton);

        var first = data.Annotations[0];
        Assert.Equal(7, first.Id);
        Assert.Equal(new BoundingBox(5, 6, 40, 80), first.Box);
        Assert.Equal(3200, first.Area);
        Assert.False(first.IsCrowd);
        Assert.Equal(16, first.Keypoints.Count);
        Assert.Equal(new Keypoint(13, 23.5f, 0), first.Keypoints[3]);
        Assert.Equal(new Keypoint(14, 24.5f, 1), first.Keypoints[4]);
        Assert.Equal(new BoundingBox(20, 8, 10, 16), first.HeadBox);
        Assert.Equal(10, first.LabeledCount);
        Assert.Null(data.Annotations[1].HeadBox);
        Assert.False(data.HasHeadBoxes);

        var image = data.ImageOf(data.Annotations[1]);
        Assert.Equal(new CocoImage(2, "images/000002.png", 128, 96), image);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "images", "000002.png"), data.ImagePath(image));
    }

    [Theory]
    [InlineData("bbox")]
    [InlineData("keypoints")]
    [InlineData("image_id")]
    public void An_annotation_missing_a_field_names_the_file_the_annotation_and_the_field(string field)
    {
        var document = Document();
        document["annotations"]![1]!.AsObject().Remove(field);
        var path = Write(document);
        var e = Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(path));
        Assert.Equal(path, e.File);
        Assert.Equal($"{path}: annotation 8: missing field '{field}'", e.Describe());
    }

    [Fact]
    public void An_annotation_without_an_id_is_named_by_position()
    {
        var document = Document();
        document["annotations"]![1]!.AsObject().Remove("id");
        var e = Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(Write(document)));
        Assert.Equal("annotation #2: missing field 'id'", e.Message);
    }

    [Fact]
    public void Malformed_values_are_named()
    {
        var document = Document();
        document["annotations"]![0]!["keypoints"]!.AsArray().RemoveAt(0);
        Assert.Contains("annotation 7: 'keypoints' must hold x, y, v triples", Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(Write(document))).Message);

        document = Document();
        document["annotations"]![0]!["head_box"] = new JsonArray(1, 2, 3);
        Assert.Contains("annotation 7: 'head_box' must be a list of 4 numbers", Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(Write(document))).Message);

        document = Document();
        document["annotations"]![1]!["image_id"] = 99;
        Assert.Contains("annotation 8: image_id 99", Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(Write(document))).Message);

        document = Document();
        document["images"]![0]!.AsObject().Remove("file_name");
        Assert.Equal("image 1: missing field 'file_name'", Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(Write(document))).Message);
    }

    [Fact]
    public void Bad_files_are_named()
    {
        var dir = TestImages.TempDir();
        var notJson = Path.Combine(dir, "bad.json");
        File.WriteAllText(notJson, "{ \"images\": [");
        Assert.Equal(notJson, Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(notJson)).File);

        var missing = Path.Combine(dir, "missing.json");
        Assert.Equal(missing, Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(missing)).File);

        var document = Document();
        document["annotations"] = new JsonArray();
        Assert.Contains("no annotations", Assert.Throws<DataException>(() => CocoKeypointsDataset.Load(Write(document))).Message);
    }
}
