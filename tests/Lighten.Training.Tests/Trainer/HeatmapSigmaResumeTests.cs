using Lighten.Core;
using Lighten.Core.Zoo;
using Lighten.Data.Imaging;
using Lighten.Data.Synthetic;
using Lighten.TestSupport;
using Lighten.Training.Trainer;

namespace Lighten.Training.Tests.Trainer;

/// <summary>A pose run's target width is part of what a checkpoint continues; the default width keeps older checkpoints valid.</summary>
public sealed class HeatmapSigmaResumeTests
{
    [Fact]
    public void A_checkpoint_resumes_only_with_the_heatmap_sigma_it_was_written_with()
    {
        var root = TestTemp.CreateSubdirectory("lighten-sigma-resume-").FullName;
        SyntheticPose.Generate(Path.Combine(root, "train"), 8, 128, 1);
        SyntheticPose.Generate(Path.Combine(root, "val"), 4, 128, 2);
        var preprocess = new Preprocess(64, 64);
        PoseData Data(float sigma) => PoseData.Load(root, preprocess, sigma: sigma);
        var graph = ModelZoo.Build("pose_mobilenet_v3_small", new ZooOptions { InputHeight = 64, InputWidth = 64, Task = ZooTask.Pose, Joints = 16 });
        var checkpoint = Path.Combine(root, "checkpoint");
        var options = new TrainingOptions { Epochs = 1, BatchSize = 4, Seed = 1, CheckpointDirectory = checkpoint };

        ModelTrainer.Train(graph, Data(4), options);
        var e = Assert.Throws<OptionException>(() => ModelTrainer.Train(graph, Data(2), options with { Epochs = 2, Resume = true }));
        Assert.Contains("(heatmap sigma: 4 there, none now)", e.Message);
        var resumed = ModelTrainer.Train(graph, Data(4), options with { Epochs = 2, Resume = true });
        Assert.Equal(1, resumed.ResumedAfterEpoch);
        Assert.Equal([1, 2], resumed.History.Select(h => h.Epoch));
    }
}
