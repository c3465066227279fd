namespace Lighten.Data.Classification;

/// <summary>One labeled image of a classification dataset.</summary>
/// <param name="Path">Full path of the image file.</param>
/// <param name="Label">Class index (position of the class folder in sorted order).</param>
public sealed record ImageSample(string Path, int Label);
