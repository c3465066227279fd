namespace Lighten.Data.Pose;

/// <summary>
/// A COCO person-keypoints dataset: an <c>annotations.json</c> with <c>images</c>, <c>annotations</c> (bbox, keypoints
/// with visibility, optional <c>head_box</c> as [x1, y1, x2, y2]) and <c>categories</c>; image paths are relative to the
/// folder of the JSON file.
/// </summary>
public sealed class CocoKeypointsDataset
{
    private readonly Dictionary<long, CocoImage> imagesById;

    internal CocoKeypointsDataset(
        string file, IReadOnlyList<CocoImage> images, IReadOnlyList<PersonAnnotation> annotations,
        IReadOnlyList<string> keypointNames, IReadOnlyList<(int, int)> skeleton)
    {
        File = file;
        Images = images;
        Annotations = annotations;
        KeypointNames = keypointNames;
        Skeleton = skeleton;
        imagesById = images.ToDictionary(i => i.Id);
    }

    /// <summary>The annotation file.</summary>
    public string File { get; }

    /// <summary>The folder image file names are relative to.</summary>
    public string Folder => Path.GetDirectoryName(Path.GetFullPath(File)) ?? ".";

    /// <summary>The images, in file order.</summary>
    public IReadOnlyList<CocoImage> Images { get; }

    /// <summary>The person annotations, in file order.</summary>
    public IReadOnlyList<PersonAnnotation> Annotations { get; }

    /// <summary>Keypoint names of the person category (MPII's 16 for Lighten's data).</summary>
    public IReadOnlyList<string> KeypointNames { get; }

    /// <summary>Limbs as pairs of 0-based keypoint indices (the file stores them 1-based).</summary>
    public IReadOnlyList<(int From, int To)> Skeleton { get; }

    /// <summary>Whether every annotation with labeled keypoints has a head box, so PCKh can be computed.</summary>
    public bool HasHeadBoxes => Annotations.Where(a => a.LabeledCount > 0).All(a => a.HeadBox is not null);

    /// <summary>
    /// Reads and checks an annotation file.
    /// </summary>
    /// <exception cref="DataException">The file is missing or not JSON, a field is missing or malformed (the file and the
    /// annotation id are named), an annotation refers to an unknown image, or there are no annotations.</exception>
    public static CocoKeypointsDataset Load(string jsonPath) => CocoJsonReader.Read(jsonPath);

    /// <summary>The image an annotation belongs to.</summary>
    public CocoImage ImageOf(PersonAnnotation annotation) => imagesById[annotation.ImageId];

    /// <summary>Full path of an image file.</summary>
    public string ImagePath(CocoImage image) => Path.Combine(Folder, image.FileName);
}
