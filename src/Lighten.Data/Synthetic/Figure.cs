using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>How a part is drawn: a thick round-capped line, a filled round-joined polygon, or the head ellipse.</summary>
internal enum PartShape { Stroke, Polygon, Head }

/// <summary>
/// One drawn piece of the person (or an object in front of it). <see cref="Joints"/> are the joints that lie on
/// this part: a joint is visible when the topmost part at its pixel is one of these.
/// </summary>
internal sealed record FigurePart(int Id, string Name, PartShape Shape, SKPoint[] Points, float Width, SKColor Color, float Depth, int[] Joints)
{
    /// <summary>Ids of people's parts are below this; objects in front of the person use ids from it.</summary>
    public const int FirstOccluderId = 200;

    /// <summary>The head's ellipse and hair, for <see cref="PartShape.Head"/>.</summary>
    public HeadLook? Head { get; init; }

    /// <summary>Every colour this part is painted with.</summary>
    public IEnumerable<SKColor> Colors => Head?.Hair is { } hair ? [Color, hair] : [Color];
}

/// <summary>
/// The head ellipse, in a frame rotated by <see cref="AngleDegrees"/> about <see cref="Center"/> whose −y points to the head top.
/// Hair covers the top <see cref="Cap"/> of its height, plus the back half when seen from the side
/// (<see cref="BackSide"/> = sign of local x of the back of the head, 0 when facing toward or away), and always the
/// head top joint at local y = <see cref="TopY"/>, so that its pixel shows one colour.
/// </summary>
internal sealed record HeadLook(SKPoint Center, float RadiusX, float RadiusY, float AngleDegrees, SKColor? Hair, float Cap, int BackSide, float TopY);

/// <summary>A person laid out in image pixels: its joints (continuous coordinates, pixel i covers [i, i+1)) and its parts in drawing order.</summary>
internal sealed record Figure(SKPoint[] Joints, IReadOnlyList<FigurePart> Parts, float HeightPixels, float LimbWidth);
