using Lighten.Data.Imaging;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;
using Lighten.TestSupport;
using Lighten.Training.Tests.Trainer;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Tests.Tuning;

public class ModelTuningTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const int Size = 32;

    [Fact]
    public void The_written_file_scores_in_OnnxRuntime_what_the_trainer_kept()
    {
        var preprocess = new Preprocess(Size, Size);
        var data = ClassificationData.Load(folder.Root, preprocess);
        var output = Path.Combine(TestTemp.CreateSubdirectory("lighten-tuning-").FullName, "tuned.onnx");
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 0.01, WeightDecay = 0, Seed = 3 };

        var outcome = ModelTuning.TrainAndMeasure(TinyNet.Classifier(TinyImageFolder.Classes.Length, Size), data, preprocess,
            options, output, new SessionOptionsSpec { IntraOpThreads = 1 });

        Assert.True(File.Exists(output));
        Assert.Equal(output, outcome.Path);
        Assert.NotNull(outcome.Training.BestMetric);
        // The trainer validates with TorchSharp; the outcome's figure comes from ONNX Runtime on the written file.
        Assert.Equal(outcome.Training.BestMetric!.Value, outcome.Evaluation.Primary.Value, 6);
        var again = ModelTuning.Evaluate(output, data, preprocess, new SessionOptionsSpec { IntraOpThreads = 1 }, new EvaluationOptions { BatchSize = 4 });
        Assert.Equal(outcome.Evaluation.Primary.Value, again.Primary.Value, 9);
        File.Delete(output);
    }
}
