using Lighten.Data.Synthetic;
using SkiaSharp;
using Xunit.Abstractions;
using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Synthetic;

/// <summary>
/// The set is not trivially easy: guessing every joint at its average place within the person box (what a model that
/// learned nothing from the pixels can do, given the box of a top-down pipeline) scores a low PCKh@0.5.
/// </summary>
public class SyntheticPoseDifficultyTests(ITestOutputHelper output)
{
    [Fact]
    public void Mean_pose_in_the_box_scores_a_low_pckh()
    {
        var options = new SyntheticPoseOptions { Seed = 3, Background = SyntheticBackground.Plain, Noise = false };
        var labels = Enumerable.Range(0, 400).Select(i =>
        {
            using var sample = SampleRenderer.Render(options, i);
            return sample.Label;
        }).ToList();
        var train = labels.Take(200).ToList();
        var test = labels.Skip(200).ToList();

        var mean = new SKPoint[MpiiJoints.Count];
        for (int j = 0; j < MpiiJoints.Count; j++)
        {
            var offsets = train.Where(l => l.Visibility[j] > 0).Select(l => InBox(l, l.Joints[j])).ToList();
            mean[j] = new SKPoint(offsets.Average(p => p.X), offsets.Average(p => p.Y));
        }

        int correct = 0, total = 0;
        foreach (var label in test)
        {
            float headSize = 0.6f * MathF.Sqrt(label.HeadBox.Width * label.HeadBox.Width + label.HeadBox.Height * label.HeadBox.Height);
            for (int j = 0; j < MpiiJoints.Count; j++)
            {
                if (label.Visibility[j] == 0) continue;
                var guess = new SKPoint(label.Box.Left + mean[j].X * label.Box.Width, label.Box.Top + mean[j].Y * label.Box.Height);
                total++;
                if (SKPoint.Distance(guess, label.Joints[j]) <= 0.5f * headSize) correct++;
            }
        }
        double pckh = (double)correct / total;
        output.WriteLine($"mean-pose PCKh@0.5 = {pckh:P1} over {total} joints");
        Assert.InRange(pckh, 0.0, 0.35);
    }

    private static SKPoint InBox(PoseLabel label, SKPoint p) =>
        new((p.X - label.Box.Left) / label.Box.Width, (p.Y - label.Box.Top) / label.Box.Height);
}
