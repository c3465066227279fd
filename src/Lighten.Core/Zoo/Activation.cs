namespace Lighten.Core.Zoo;

/// <summary>The activation after a convolution and its BatchNormalization.</summary>
public enum Activation
{
    /// <summary>No activation (a linear bottleneck).</summary>
    None,

    /// <summary>ReLU.</summary>
    Relu,

    /// <summary>ReLU6, as Clip(0, 6).</summary>
    Relu6,

    /// <summary>HardSwish.</summary>
    HardSwish,
}
