using Lighten.Data.Pose;

namespace Lighten.Data.Metrics;

/// <summary>
/// The score of a guesser that looks at no pixel: every joint placed at its average position within the person box,
/// learned from a training set, scored on a validation set with the validation set's PCK meter. What a pose model that
/// learned nothing from the images (only the box a top-down pipeline hands it) reaches; a trained model must score
/// well above it for its accuracy to mean something.
/// </summary>
public static class MeanPoseGuess
{
    /// <summary>The average box-relative position (0..1 on each axis) of each joint over the labeled joints of <paramref name="train"/>.</summary>
    public static IReadOnlyList<(double X, double Y)> Learn(CocoKeypointsDataset train)
    {
        int joints = train.KeypointNames.Count;
        var sum = new (double X, double Y, int N)[joints];
        foreach (var person in train.Annotations.Where(p => p.Box.Width > 0 && p.Box.Height > 0))
        {
            for (int j = 0; j < joints; j++)
            {
                var k = person.Keypoints[j];
                if (!k.IsLabeled) continue;
                sum[j] = (sum[j].X + ((double)k.X - person.Box.X) / person.Box.Width, sum[j].Y + ((double)k.Y - person.Box.Y) / person.Box.Height, sum[j].N + 1);
            }
        }
        return [.. sum.Select(s => s.N == 0 ? (0.5, 0.5) : (s.X / s.N, s.Y / s.N))];
    }

    /// <summary>The guesser learned on <paramref name="train"/>, scored on <paramref name="validation"/> (PCKh@0.5 with head boxes, else PCK@0.2), in 0..1.</summary>
    public static double Score(CocoKeypointsDataset train, CocoKeypointsDataset validation)
    {
        var mean = Learn(train);
        var meter = PckMeter.For(validation);
        foreach (var person in validation.Annotations)
            meter.Add(person, [.. mean.Select(m => new PredictedKeypoint((float)(person.Box.X + m.X * person.Box.Width), (float)(person.Box.Y + m.Y * person.Box.Height), 1f))]);
        return meter.Mean;
    }
}
