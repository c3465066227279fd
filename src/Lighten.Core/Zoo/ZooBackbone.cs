namespace Lighten.Core.Zoo;

/// <summary>A zoo backbone on its own: a graph from <c>input</c> to the feature map, which is its only output.</summary>
/// <param name="Graph">The graph; its output is <see cref="Output"/>'s tensor.</param>
/// <param name="Output">The feature map a head attaches to (tensor name, channels, spatial size).</param>
public sealed record ZooBackbone(Graph Graph, FeatureMap Output);
