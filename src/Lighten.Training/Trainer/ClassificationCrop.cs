namespace Lighten.Training.Trainer;

/// <summary>How a training image of a classifier is cropped before the flip.</summary>
public enum ClassificationCrop
{
    /// <summary>A random region of 35-100 % of the image area (aspect 3:4 to 4:3) stretched to the input (Inception's crop).</summary>
    RandomResized,

    /// <summary>The image resized as for validation, shifted by up to an eighth of the input in each direction, the border black (the CIFAR pad-and-crop).</summary>
    PadCrop,

    /// <summary>The image resized as for validation.</summary>
    None,
}
