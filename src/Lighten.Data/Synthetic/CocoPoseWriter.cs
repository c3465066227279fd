using System.Text.Encodings.Web;
using System.Text.Json;
using Lighten.Data.Pose;

namespace Lighten.Data.Synthetic;

/// <summary>
/// Writes the COCO person-keypoints JSON of a synthetic set: one image and one annotation per sample, 16 MPII joints,
/// bbox [x, y, w, h], head_box [x1, y1, x2, y2]. Coordinates are continuous (pixel i covers [i, i+1)); joints with
/// v=0 are written as 0, 0, 0 as COCO does.
/// </summary>
internal static class CocoPoseWriter
{
    /// <summary>The <c>info.generator</c> value that marks a folder as a synth-pose output.</summary>
    public const string Generator = "lighten synth-pose";

    public static void Write(Stream stream, SyntheticPoseOptions options, IReadOnlyList<PoseLabel> labels, Func<int, string> fileName)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("info");
        json.WriteString("description", "Lighten synthetic person keypoints (16 MPII joints)");
        json.WriteString("generator", Generator);
        json.WriteNumber("version", 1);
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("count", options.Count);
        json.WriteNumber("size", options.Size);
        json.WriteString("coordinates", "continuous: pixel (i, j) covers [i, i+1) x [j, j+1); keypoints with v=0 are 0,0,0");
        json.WriteEndObject();

        json.WriteStartArray("images");
        for (int i = 0; i < labels.Count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("id", i + 1);
            json.WriteString("file_name", fileName(i));
            json.WriteNumber("width", options.Size);
            json.WriteNumber("height", options.Size);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("annotations");
        for (int i = 0; i < labels.Count; i++) WriteAnnotation(json, i + 1, labels[i]);
        json.WriteEndArray();

        json.WriteStartArray("categories");
        json.WriteStartObject();
        json.WriteNumber("id", 1);
        json.WriteString("name", "person");
        json.WriteStartArray("keypoints");
        foreach (var name in MpiiJoints.Names) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteStartArray("skeleton");
        foreach (var (a, b) in MpiiSkeleton.Bones)
        {
            json.WriteStartArray();
            json.WriteNumberValue(a + 1);
            json.WriteNumberValue(b + 1);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAnnotation(Utf8JsonWriter json, int id, PoseLabel label)
    {
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteNumber("image_id", id);
        json.WriteNumber("category_id", 1);
        var box = label.Box;
        WriteNumbers(json, "bbox", box.Left, box.Top, box.Width, box.Height);
        json.WriteNumber("area", Round(box.Width * box.Height));
        json.WriteNumber("iscrowd", 0);
        json.WriteNumber("num_keypoints", label.Visibility.Count(v => v > 0));
        json.WriteStartArray("keypoints");
        for (int j = 0; j < MpiiJoints.Count; j++)
        {
            bool labeled = label.Visibility[j] > 0;
            json.WriteNumberValue(labeled ? Round(label.Joints[j].X) : 0);
            json.WriteNumberValue(labeled ? Round(label.Joints[j].Y) : 0);
            json.WriteNumberValue(label.Visibility[j]);
        }
        json.WriteEndArray();
        var head = label.HeadBox;
        WriteNumbers(json, "head_box", head.Left, head.Top, head.Right, head.Bottom);
        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, params float[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(Round(v));
        json.WriteEndArray();
    }

    /// <summary>Two decimals are far below label noise and keep the file small and readable.</summary>
    private static double Round(float v) => Math.Round((double)v, 2);
}
