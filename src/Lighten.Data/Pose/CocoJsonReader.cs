using System.Text.Json;

namespace Lighten.Data.Pose;

/// <summary>Parses a COCO person-keypoints file with errors that name the file and the annotation.</summary>
internal static class CocoJsonReader
{
    public static CocoKeypointsDataset Read(string path)
    {
        using var document = Open(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new DataException("the annotation file must hold a JSON object", path);

        var (names, skeleton) = ReadCategory(root, path);
        var images = Array(root, "images", path, "the file").Select((e, i) => ReadImage(e, i, path)).ToList();
        var ids = new HashSet<long>();
        foreach (var image in images)
        {
            if (!ids.Add(image.Id)) throw new DataException($"image {image.Id}: duplicate id", path);
        }

        int? jointCount = names.Count > 0 ? names.Count : null;
        var annotations = new List<PersonAnnotation>();
        foreach (var (element, index) in Array(root, "annotations", path, "the file").Select((e, i) => (e, i)))
        {
            var annotation = ReadAnnotation(element, index, path, ref jointCount);
            if (!ids.Contains(annotation.ImageId))
                throw new DataException($"annotation {annotation.Id}: image_id {annotation.ImageId} is not in 'images'", path);
            annotations.Add(annotation);
        }
        if (annotations.Count == 0) throw new DataException("the dataset has no annotations", path);
        if (names.Count == 0) names = Enumerable.Range(0, jointCount!.Value).Select(i => $"keypoint{i}").ToList();
        return new CocoKeypointsDataset(path, images, annotations, names, skeleton);
    }

    private static JsonDocument Open(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DataException($"not valid JSON (line {e.LineNumber + 1}): {e.Message}", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"cannot read the annotation file: {e.Message}", path);
        }
    }

    private static (List<string> Names, List<(int, int)> Skeleton) ReadCategory(JsonElement root, string path)
    {
        if (!root.TryGetProperty("categories", out var categories) || categories.ValueKind != JsonValueKind.Array || categories.GetArrayLength() == 0)
            return ([], []);
        var category = categories[0];
        const string where = "category";
        var names = category.TryGetProperty("keypoints", out _)
            ? Array(category, "keypoints", path, where).Select(n => n.ValueKind == JsonValueKind.String
                ? n.GetString()! : throw new DataException($"{where}: 'keypoints' must list names", path)).ToList()
            : [];
        var skeleton = new List<(int, int)>();
        if (category.TryGetProperty("skeleton", out _))
        {
            foreach (var limb in Array(category, "skeleton", path, where))
            {
                var ends = Numbers(limb, 2, path, where, "skeleton");
                int from = (int)ends[0] - 1, to = (int)ends[1] - 1;
                if (names.Count > 0 && (from < 0 || to < 0 || from >= names.Count || to >= names.Count))
                    throw new DataException($"{where}: skeleton limb [{from + 1}, {to + 1}] refers to a keypoint outside 1..{names.Count}", path);
                skeleton.Add((from, to));
            }
        }
        return (names, skeleton);
    }

    private static CocoImage ReadImage(JsonElement e, int index, string path)
    {
        string where = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) && id.TryGetInt64(out long v)
            ? $"image {v}" : $"image #{index + 1}";
        return new CocoImage(
            Integer(e, "id", path, where), Text(e, "file_name", path, where),
            (int)Integer(e, "width", path, where), (int)Integer(e, "height", path, where));
    }

    private static PersonAnnotation ReadAnnotation(JsonElement e, int index, string path, ref int? jointCount)
    {
        string where = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out long v)
            ? $"annotation {v}" : $"annotation #{index + 1}";
        long id = Integer(e, "id", path, where);
        long imageId = Integer(e, "image_id", path, where);
        var b = Numbers(Field(e, "bbox", path, where), 4, path, where, "bbox");
        var box = new BoundingBox((float)b[0], (float)b[1], (float)b[2], (float)b[3]);
        if (box.Width < 0 || box.Height < 0) throw new DataException($"{where}: bbox has a negative size", path);

        var flat = Numbers(Field(e, "keypoints", path, where), null, path, where, "keypoints");
        if (flat.Length % 3 != 0 || flat.Length == 0)
            throw new DataException($"{where}: 'keypoints' must hold x, y, v triples, got {flat.Length} numbers", path);
        jointCount ??= flat.Length / 3;
        if (flat.Length != 3 * jointCount)
            throw new DataException($"{where}: 'keypoints' holds {flat.Length / 3} keypoints, the category has {jointCount}", path);
        var keypoints = new Keypoint[flat.Length / 3];
        for (int j = 0; j < keypoints.Length; j++)
        {
            int visibility = (int)flat[3 * j + 2];
            if (visibility is < 0 or > 2) throw new DataException($"{where}: keypoint {j} has visibility {flat[3 * j + 2]} (expected 0, 1 or 2)", path);
            keypoints[j] = new Keypoint((float)flat[3 * j], (float)flat[3 * j + 1], visibility);
        }

        double area = e.TryGetProperty("area", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : (double)box.Width * box.Height;
        bool crowd = e.TryGetProperty("iscrowd", out var c) && c.ValueKind == JsonValueKind.Number && c.GetInt32() != 0;
        BoundingBox? head = null;
        if (e.TryGetProperty("head_box", out var h) && h.ValueKind != JsonValueKind.Null)
        {
            var corners = Numbers(h, 4, path, where, "head_box");
            head = BoundingBox.FromCorners((float)corners[0], (float)corners[1], (float)corners[2], (float)corners[3]);
        }
        return new PersonAnnotation(id, imageId, box, area, crowd, keypoints, head);
    }

    private static JsonElement Field(JsonElement e, string name, string path, string where)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new DataException($"{where}: expected a JSON object", path);
        return e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value : throw new DataException($"{where}: missing field '{name}'", path);
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement e, string name, string path, string where)
    {
        var value = Field(e, name, path, where);
        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray() : throw new DataException($"{where}: '{name}' must be a list", path);
    }

    private static long Integer(JsonElement e, string name, string path, string where) =>
        Field(e, name, path, where) is var v && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n)
            ? n : throw new DataException($"{where}: '{name}' must be an integer", path);

    private static string Text(JsonElement e, string name, string path, string where) =>
        Field(e, name, path, where) is var v && v.ValueKind == JsonValueKind.String
            ? v.GetString()! : throw new DataException($"{where}: '{name}' must be a string", path);

    private static double[] Numbers(JsonElement value, int? count, string path, string where, string name)
    {
        if (value.ValueKind != JsonValueKind.Array || (count is int n && value.GetArrayLength() != n)
            || value.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number))
        {
            throw new DataException($"{where}: '{name}' must be a list of {(count is int m ? $"{m} " : "")}numbers", path);
        }
        return value.EnumerateArray().Select(x => x.GetDouble()).ToArray();
    }
}
