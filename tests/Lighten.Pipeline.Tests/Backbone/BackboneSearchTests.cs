using System.Collections.Immutable;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Zoo;
using Lighten.Data.Imaging;
using Lighten.Pipeline.Backbone;
using Lighten.Runtime;
using Lighten.TestSupport;
using Lighten.Training.Tests.Trainer;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Tests.Backbone;

public class BackboneSearchTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const int Size = 32;
    private static readonly SessionOptionsSpec OneThread = new() { IntraOpThreads = 1 };

    private static Graph Original() =>
        ModelZoo.Build("resnet18", new ZooOptions { InputHeight = Size, InputWidth = Size, Classes = TinyImageFolder.Classes.Length, Seed = 1 });

    /// <summary>A target that runs every op at FP32 except HardSwish (MobileNetV3's activation).</summary>
    private static TargetProfile NoHardSwish => TargetCatalog.Get("rk3399-armcl") with
    {
        Name = "no-hardswish",
        Ops = ImmutableSortedDictionary.CreateRange(new[] { KeyValuePair.Create(Precision.Fp32, OpSupport.AllExcept(["HardSwish"])) }),
    };

    [Fact]
    public void Candidates_the_target_cannot_run_are_skipped_and_the_others_fine_tuned_and_measured()
    {
        var output = Path.Combine(TestTemp.CreateSubdirectory("lighten-g1-").FullName, "g1.onnx");
        var data = ClassificationData.Load(folder.Root, new Preprocess(Size, Size));
        var reports = new List<BackboneSearchProgress>();
        var options = new BackboneSearchOptions
        {
            Candidates = ["mobilenet_v3_small", "shufflenet_v2_x0_5"],
            Target = NoHardSwish,
            Training = new TrainingOptions { Epochs = 1, BatchSize = 8, LearningRate = 0.01, WeightDecay = 0, Seed = 2, Workers = 1 },
            Session = OneThread,
            LatencyRuns = 3,
        };

        var result = BackboneSearch.Run(Original(), output, options, data, new SyncProgress(reports.Add));

        var (v3, shuffle) = (result.Candidates[0], result.Candidates[1]);
        Assert.False(v3.WasTried);
        Assert.StartsWith("no-hardswish cannot run HardSwish", v3.Skipped);
        Assert.Null(v3.Tuning);
        Assert.True(shuffle.WasTried);
        Assert.Same(shuffle, result.Best);
        Assert.NotNull(shuffle.Tuning);
        // The metric is the written file's, in ONNX Runtime; the trainer distilled from the original.
        Assert.Equal(shuffle.Tuning!.Evaluation.Primary, shuffle.Metric);
        Assert.True(shuffle.LatencyMs > 0);
        Assert.True(shuffle.Macs > 0 && shuffle.Macs < result.Baseline.Macs, $"{shuffle.Macs} vs {result.Baseline.Macs}");
        Assert.NotNull(result.Baseline.Metric);
        Assert.Null(result.Baseline.Path);
        Assert.Equal(File.ReadAllBytes(shuffle.Path!), File.ReadAllBytes(output));
        Assert.Equal("shufflenet_v2_x0_5", OnnxImporter.Load(output).Metadata["lighten.backbone"]);
        Assert.Contains(reports, r => r.Candidate == "mobilenet_v3_small" && r.Phase == SearchPhase.Skipped);
        Assert.Contains(reports, r => r.Candidate == "shufflenet_v2_x0_5" && r.Training is not null);
        Assert.False(File.Exists(Path.Combine(result.CandidateDirectory, BackboneSearch.Baseline + ".onnx")));
    }

    [Fact]
    public void A_resumed_search_continues_from_each_candidates_checkpoint()
    {
        var output = Path.Combine(TestTemp.CreateSubdirectory("lighten-g1-").FullName, "g1.onnx");
        var data = ClassificationData.Load(folder.Root, new Preprocess(Size, Size));
        var training = new TrainingOptions { Epochs = 1, BatchSize = 8, LearningRate = 0.01, WeightDecay = 0, Seed = 4, Workers = 1 };
        var options = new BackboneSearchOptions { Candidates = ["shufflenet_v2_x0_5"], Training = training, Session = OneThread, LatencyRuns = 1 };
        var first = BackboneSearch.Run(Original(), output, options, data).Best!;

        var resumed = BackboneSearch.Run(Original(), output, options with { Training = training with { Resume = true } }, data).Best!;

        Assert.Equal(first.Metric, resumed.Metric);
        Assert.Equal(1, resumed.Tuning!.Training.ResumedAfterEpoch);
    }

    [Fact]
    public void Without_training_the_grafts_are_written_as_they_are_and_the_fastest_is_kept()
    {
        var output = Path.Combine(TestTemp.CreateSubdirectory("lighten-g1-").FullName, "g1.onnx");
        var options = new BackboneSearchOptions { Candidates = ["mobilenet_v2", "shufflenet_v2_x0_5"], Session = OneThread, LatencyRuns = 3 };

        var result = BackboneSearch.Run(Original(), output, options);

        Assert.All(result.Candidates, c => Assert.True(c.WasTried && c.Metric is null && c.Tuning is null && File.Exists(c.Path)));
        Assert.Equal(result.Candidates.MinBy(c => c.LatencyMs), result.Best);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Bad_requests_are_refused_and_nothing_is_written()
    {
        var output = Path.Combine(TestTemp.CreateSubdirectory("lighten-g1-").FullName, "g1.onnx");
        Assert.Throws<OptionException>(() => BackboneSearch.Run(Original(), output, new BackboneSearchOptions { Candidates = ["vgg16"] }));
        Assert.Throws<OptionException>(() => BackboneSearch.Run(Original(), output, new BackboneSearchOptions { Candidates = [] }));
        Assert.Throws<OptionException>(() => BackboneSearch.Run(Original(), output,
            new BackboneSearchOptions { Candidates = ["mobilenet_v2"], Training = new TrainingOptions { Epochs = 1 } }));
        var all = Assert.Throws<OptionException>(() => BackboneSearch.Run(Original(), output,
            new BackboneSearchOptions { Candidates = ["mobilenet_v3_small"], Target = NoHardSwish, Session = OneThread, LatencyRuns = 1 }));
        Assert.Contains("mobilenet_v3_small: no-hardswish cannot run HardSwish", all.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<BackboneSearchProgress> report) : IProgress<BackboneSearchProgress>
    {
        public void Report(BackboneSearchProgress value) => report(value);
    }
}
