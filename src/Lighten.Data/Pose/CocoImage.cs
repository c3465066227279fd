namespace Lighten.Data.Pose;

/// <summary>An entry of the COCO <c>images</c> list.</summary>
/// <param name="Id">Image id referenced by annotations.</param>
/// <param name="FileName">Path relative to the folder of the annotation file, e.g. <c>images/000001.png</c>.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record CocoImage(long Id, string FileName, int Width, int Height);
