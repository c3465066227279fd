using Lighten.Core;
using Lighten.Data.Pose;

namespace Lighten.Training.Trainer;

/// <summary>
/// Random scale, rotation and horizontal flip of a top-down person crop, as SimpleBaseline trains: the crop is
/// scaled by a factor uniform in 1 ± <see cref="ScaleRange"/>, rotated by an angle uniform in ±<see cref="RotationDegrees"/>
/// for a fraction <see cref="RotationProbability"/> of the samples, and mirrored for half of them with the left and
/// right joints swapped.
/// </summary>
public sealed record PoseAugmentation
{
    /// <summary>No augmentation: the crop around the box, as validation sees it.</summary>
    public static PoseAugmentation None { get; } = new() { ScaleRange = 0, RotationDegrees = 0, Flip = false };

    /// <summary>Largest relative change of the crop size.</summary>
    public double ScaleRange { get; init; } = 0.25;

    /// <summary>Largest rotation in degrees.</summary>
    public double RotationDegrees { get; init; } = 30;

    /// <summary>Fraction of the samples that are rotated.</summary>
    public double RotationProbability { get; init; } = 0.6;

    /// <summary>Mirror half the samples.</summary>
    public bool Flip { get; init; } = true;

    /// <summary>Fraction of the samples mirrored when <see cref="Flip"/> is on.</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Throws <see cref="OptionException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (!(ScaleRange >= 0 && ScaleRange < 1)) throw new OptionException($"the scale range must lie in [0, 1), got {ScaleRange}");
        if (!(RotationDegrees >= 0 && RotationDegrees <= 180)) throw new OptionException($"the rotation must lie in [0, 180] degrees, got {RotationDegrees}");
        if (!(RotationProbability is >= 0 and <= 1)) throw new OptionException($"the rotation probability must lie in [0, 1], got {RotationProbability}");
        if (!(FlipProbability is >= 0 and <= 1)) throw new OptionException($"the flip probability must lie in [0, 1], got {FlipProbability}");
    }

    /// <summary>A random view of <paramref name="person"/> in an image <paramref name="imageWidth"/> pixels wide, for an input of the given size.</summary>
    public PoseView Sample(Random random, PersonAnnotation person, int imageWidth, int inputWidth, int inputHeight,
        IReadOnlyList<(int Right, int Left)> flipPairs)
    {
        // Every draw happens whatever the settings, so that one setting does not shift the others' random streams.
        double scale = 1 + ScaleRange * (2 * random.NextDouble() - 1);
        bool rotate = random.NextDouble() < RotationProbability;
        double rotation = RotationDegrees * (2 * random.NextDouble() - 1);
        bool flip = Flip && random.NextDouble() < FlipProbability;

        var box = flip ? PoseFlip.Box(person.Box, imageWidth) : person.Box;
        var keypoints = flip ? PoseFlip.Keypoints(person.Keypoints, imageWidth, flipPairs) : person.Keypoints;
        var crop = TopDownCrop.FromBox(box, inputWidth, inputHeight).Augment((float)scale, rotate ? (float)rotation : 0);
        var imageToInput = flip ? Mirror.Horizontal(imageWidth).PostConcat(crop.ImageToInput) : crop.ImageToInput;
        return new PoseView(crop, imageToInput, keypoints, flip);
    }
}
