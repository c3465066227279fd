namespace Lighten.Data.Imaging;

/// <summary>How an image is brought to the network's input size.</summary>
public enum ResizeMode
{
    /// <summary>Scale each axis independently to the input size (the aspect ratio may change).</summary>
    Stretch,

    /// <summary>Scale to fit inside the input size keeping the aspect ratio, centered, the rest padded black.</summary>
    Letterbox,

    /// <summary>Scale the shorter side to the input size keeping the aspect ratio, then crop the center.</summary>
    Crop,
}
