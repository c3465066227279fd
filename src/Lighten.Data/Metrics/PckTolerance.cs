using Lighten.Data.Pose;

namespace Lighten.Data.Metrics;

/// <summary>
/// How close a pose model must be for PCK to count a joint, in the pixels the model sees: the threshold of each person
/// scaled by its top-down crop to the network input. At a small input this is what makes PCKh@0.5 hard: MPII's
/// head-size tolerance is about 5 % of the padded person box, 3 input pixels at 64×64, less than one pixel of a
/// stride-4 heatmap.
/// </summary>
public static class PckTolerance
{
    /// <summary>
    /// The median over <paramref name="people"/> with labeled joints of <paramref name="meter"/>'s threshold scaled into
    /// an input of <paramref name="inputWidth"/>×<paramref name="inputHeight"/> through the crop evaluation uses
    /// (<see cref="TopDownCrop.FromBox"/>); null when no person has a labeled joint.
    /// </summary>
    public static double? MedianInputPixels(PckMeter meter, IEnumerable<PersonAnnotation> people, int inputWidth, int inputHeight)
    {
        var thresholds = people.Where(p => p.LabeledCount > 0)
            .Select(p => meter.Threshold(p) * inputWidth / TopDownCrop.FromBox(p.Box, inputWidth, inputHeight).Width)
            .Order().ToList();
        if (thresholds.Count == 0) return null;
        int mid = thresholds.Count / 2;
        return thresholds.Count % 2 == 1 ? thresholds[mid] : (thresholds[mid - 1] + thresholds[mid]) / 2;
    }
}
