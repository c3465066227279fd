namespace Lighten.Core.Zoo;

/// <summary>The size and cost of a zoo model.</summary>
/// <param name="Entry">The model.</param>
/// <param name="Parameters">Trainable parameters, counted as torchvision does (see <see cref="Analysis.TrainableParameters"/>).</param>
/// <param name="Macs">Multiply-accumulates at batch 1 (DESIGN.md's convention).</param>
/// <param name="InputHeight">Input height the MACs are counted at.</param>
/// <param name="InputWidth">Input width the MACs are counted at.</param>
public sealed record ZooSummary(ZooEntry Entry, long Parameters, long Macs, int InputHeight, int InputWidth);
