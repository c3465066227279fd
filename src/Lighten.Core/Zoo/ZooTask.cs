namespace Lighten.Core.Zoo;

/// <summary>What a zoo model's head computes.</summary>
public enum ZooTask
{
    /// <summary>Class logits [batch, classes] (global average pooling and the model's Linear layers).</summary>
    Classify,

    /// <summary>Joint heatmaps [batch, joints, H/4, W/4] (the SimpleBaseline head).</summary>
    Pose,
}
