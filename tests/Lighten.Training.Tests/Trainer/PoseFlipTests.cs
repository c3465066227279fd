using Lighten.Data.Imaging;
using Lighten.Data.Pose;
using Lighten.Data.Synthetic;
using Lighten.TestSupport;
using Lighten.Training.Trainer;

namespace Lighten.Training.Tests.Trainer;

public sealed class PoseFlipTests : IDisposable
{
    private const int Size = 64, Heatmap = 16, Joints = MpiiJoints.Count;
    private readonly string _dir = TestTemp.CreateSubdirectory("lighten-flip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void MpiiPairsComeFromMpiiJointsAndOtherNamesArePairedByPrefix()
    {
        Assert.Same(MpiiJoints.FlipPairs, PoseFlip.PairsFor(MpiiJoints.Names));
        Assert.Equal([(1, 0), (4, 3)], PoseFlip.PairsFor(["left_eye", "right_eye", "nose", "l_hand", "r_hand"]).OrderBy(p => p.Left));
    }

    [Fact]
    public void FlippedSampleMirrorsImageAndHeatmapsAndSwapsLeftAndRight()
    {
        SyntheticPose.Generate(_dir, new SyntheticPoseOptions { Count = 3, Size = Size, Seed = 4 });
        var dataset = CocoKeypointsDataset.Load(Path.Combine(_dir, "annotations.json"));
        var preprocess = new Preprocess(Size, Size);
        var plain = new PoseData(dataset, dataset, preprocess, PoseAugmentation.None);
        var flipped = new PoseData(dataset, dataset, preprocess, PoseAugmentation.None with { Flip = true, FlipProbability = 1 });
        var partner = Enumerable.Range(0, Joints).ToArray();
        foreach (var (r, l) in MpiiJoints.FlipPairs) (partner[r], partner[l]) = (l, r);

        for (int index = 0; index < 3; index++)
        {
            var (image, target) = Sample(plain, index);
            var (mirroredImage, mirroredTarget) = Sample(flipped, index);
            int plane = Heatmap * Heatmap;
            Assert.True(target[(Joints * plane)..].Sum() > 8, "the person should have labeled joints in the crop");
            for (int j = 0; j < Joints; j++)
            {
                Assert.Equal(target[Joints * plane + j], mirroredTarget[Joints * plane + partner[j]]);
                for (int y = 0; y < Heatmap; y++)
                    for (int x = 0; x < Heatmap; x++)
                        Assert.Equal(target[j * plane + y * Heatmap + x], mirroredTarget[partner[j] * plane + y * Heatmap + Heatmap - 1 - x], 1e-5);
            }
            double worst = 0;
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < Size; y++)
                    for (int x = 0; x < Size; x++)
                        worst = Math.Max(worst, Math.Abs(image[(c * Size + y) * Size + x] - mirroredImage[(c * Size + y) * Size + Size - 1 - x]));
            Assert.True(worst < 0.02, $"sample {index}: the flipped input differs from the mirrored input by {worst}");
        }
    }

    private static (float[] Input, float[] Target) Sample(PoseData data, int index)
    {
        data.Bind([1, Joints, Heatmap, Heatmap], "test");
        var input = new float[data.Preprocess.ElementCount];
        var target = new float[data.TargetLength];
        data.WriteTrainSample(index, new Random(0), input, target);
        return (input, target);
    }
}
