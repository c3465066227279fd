using System.Text.Json;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Backbone;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Transforms.Factorize;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Zoo;
using Lighten.Data.Imaging;
using Lighten.Pipeline;
using Lighten.Pipeline.Backbone;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Stages;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;
using Lighten.Training.Tests.Trainer;
using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests.Facades;

/// <summary>
/// Each capability has one library entry point; the CLI command and the pipeline step reach it with their own options.
/// Given the same options they must write the same bytes (capabilities that write a model) or the same deterministic
/// figures (capabilities that measure).
/// </summary>
public class CliPipelineAgreementTests
{
    private static string Pose => DataFile("tiny_pose_resnet_64.onnx");

    /// <summary>A tiny classifier and its ImageFolder (train/ and val/), 32×32.</summary>
    private static (string Root, string Model, string Data) Classifier()
    {
        var root = TempDir();
        var data = TinyImageFolder.Create(Path.Combine(root, "data"), trainPerClass: 8, valPerClass: 4, seed: 3);
        var model = Path.Combine(root, "tiny.onnx");
        OnnxExporter.Save(TinyNet.Classifier(TinyImageFolder.Classes.Length, 32, seed: 1, width: 8), model);
        return (root, model, data);
    }

    /// <summary>A pipeline context as <see cref="GuidelineRunner"/> builds it, for the steps' own code paths.</summary>
    private static StageContext Context(string model, string data, string target = "host", StepSettings? steps = null, FineTuneSpec? fineTune = null, int calibrationCount = 64)
    {
        var config = new PipelineConfig
        {
            Model = new ModelSpec(model, null),
            Task = "classify",
            Data = new DataSpec(data, Path.Combine(data, "train"), calibrationCount, new Preprocess(32, 32)),
            Target = target,
            Steps = steps ?? new StepSettings(),
            FineTune = fineTune ?? new FineTuneSpec(),
        };
        return new StageContext(config, GuidelineRunner.LoadData(config), TargetChoice.Resolve(target).Profile, new SessionOptionsSpec(), TempDir(), new SilentObserver());
    }

    private static void AssertSameBytes(string cli, string pipeline)
    {
        Assert.True(File.Exists(cli), cli);
        Assert.True(File.Exists(pipeline), pipeline);
        Assert.True(File.ReadAllBytes(cli).AsSpan().SequenceEqual(File.ReadAllBytes(pipeline)), $"{cli} and {pipeline} differ");
    }

    private static void Ok(Result result) => Assert.True(result.ExitCode == 0, result.Error + result.Out);

    [Fact]
    public void Optimize_writes_what_the_library_entry_point_writes()
    {
        var root = TempDir();
        var model = DataFile("mobilenet_v2_w035_c10_96.onnx");
        string cli = Path.Combine(root, "cli.onnx"), library = Path.Combine(root, "library.onnx");

        Ok(Run("optimize", model, "-o", cli));
        OnnxExporter.Save(Optimize.Run(ModelPreparation.Load(model, PreparationOptions.Analysis).Graph).Graph, library);

        AssertSameBytes(cli, library);
    }

    [Fact]
    public void Factorize_cli_and_g2_write_the_same_model()
    {
        var root = TempDir();
        string cli = Path.Combine(root, "cli.onnx"), pipeline = Path.Combine(root, "g2.onnx");

        Ok(Run("factorize", Pose, "--bottleneck", "8", "--layers", "ConvTranspose", "-o", cli));
        // G2's defaults: every ConvTranspose of the model, at the pipeline's input size.
        var graph = ModelPreparation.Run(OnnxImporter.Load(Pose), PreparationOptions.Rewrite).Graph;
        var (options, _) = FactorizeStep.Options(new FactorizeStepSettings { Bottleneck = 8 }, graph,
            new Dictionary<string, long[]> { [graph.Inputs[0].Name] = [1, 3, 64, 64] });
        OnnxExporter.Save(FactorizeConvolutions.Run(graph, options).Graph, pipeline);

        AssertSameBytes(cli, pipeline);
    }

    [Fact]
    public void Swap_backbone_without_training_and_g1_write_the_same_graft()
    {
        var root = TempDir();
        var model = Path.Combine(root, "resnet18.onnx");
        OnnxExporter.Save(ModelZoo.Build("resnet18", new ZooOptions { InputHeight = 32, InputWidth = 32, Classes = TinyImageFolder.Classes.Length, Seed = 1 }), model);
        var data = TinyImageFolder.Create(Path.Combine(root, "data"), trainPerClass: 2, valPerClass: 2);
        string cli = Path.Combine(root, "cli", "g1.onnx"), pipeline = Path.Combine(root, "pipeline", "g1.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(cli)!);
        Directory.CreateDirectory(Path.GetDirectoryName(pipeline)!);

        // G1 re-shapes the head by default (steps.g1.adapter: false): the CLI's --no-adapter.
        Ok(Run("swap-backbone", model, "--epochs", "0", "--candidates", "mobilenet_v2", "--no-adapter", "--runs", "1", "--threads", "1", "-o", cli));
        var context = Context(model, data, steps: new StepSettings { G1 = new BackboneStepSettings { Candidates = ["mobilenet_v2"] } });
        var options = BackboneSwapStep.Options(context) with { Training = null, LatencyRuns = 1 };
        BackboneSearch.Run(ModelPreparation.Run(OnnxImporter.Load(model), PreparationOptions.Rewrite).Graph, pipeline, options, data: null, progress: null, CancellationToken.None);

        AssertSameBytes(cli, pipeline);
    }

    [Fact]
    public void Quantize_cli_and_g3_write_the_same_model()
    {
        var (root, model, data) = Classifier();
        string cli = Path.Combine(root, "cli.int8.onnx"), pipeline = Path.Combine(root, "g3.int8.onnx");

        Ok(Run("quantize", model, "--calib", Path.Combine(data, "train"), "--count", "16", "--seed", "0", "--no-measure",
            "--max-drop", "1", "--data", data, "--task", "classify", "-o", cli));
        var context = Context(model, data, steps: new StepSettings { G3 = new QuantizeStepSettings { MeasureLayers = false, MaxDrop = 1 } }, calibrationCount: 16);
        var product = QuantizeStep.Quantize(context, model, pipeline, CancellationToken.None);

        Assert.True(product.Written, product.NotAppliedReason);
        AssertSameBytes(cli, pipeline);
    }

    [Fact]
    public void Fp16_cli_and_g4_write_the_same_model_with_the_targets_veto()
    {
        var (root, model, data) = Classifier();
        string cli = Path.Combine(root, "cli.fp16.onnx"), pipeline = Path.Combine(root, "g4.fp16.onnx");

        Ok(Run("fp16", model, "--target", "jetson-nano", "--force", "-o", cli));
        var product = Fp16Step.Convert(Context(model, data, target: "jetson-nano"), model, pipeline, force: true);

        Assert.True(product.Written, product.NotAppliedReason);
        AssertSameBytes(cli, pipeline);
    }

    [Theory]
    [InlineData("channel", "--structured", "--ratio")]
    [InlineData("magnitude", "--unstructured", "--sparsity")]
    public void Prune_cli_and_g5_prune_the_same_weights(string mode, string flag, string share)
    {
        var root = TempDir();
        string cli = Path.Combine(root, "cli.onnx"), pipeline = Path.Combine(root, "g5.onnx");

        Ok(Run("prune", Pose, flag, share, "0.3", "-o", cli));
        // G5 fine-tunes after this; without data the CLI writes the pruned model as it is.
        var dense = ModelPreparation.Run(OnnxImporter.Load(Pose), PreparationOptions.Rewrite);
        OnnxExporter.Save(ModelPruning.Prune(dense, PruneStep.Options(new PruneStepSettings { Mode = mode, Ratio = 0.3 })).Graph, pipeline);

        AssertSameBytes(cli, pipeline);
    }

    [Fact]
    public void Prune_with_fine_tuning_follows_the_same_sparsity_schedule_in_cli_and_g5()
    {
        var (root, model, data) = Classifier();
        string cli = Path.Combine(root, "cli.sparse.onnx"), pipeline = Path.Combine(root, "g5.sparse.onnx");

        // The pipeline's fine-tuning: the default augmentation, two loader workers, no distillation here (weight 0).
        Ok(Run("prune", model, "--unstructured", "--sparsity", "0.5", "--ramp-epochs", "1", "--prune-every", "1",
            "--data", data, "--task", "classify", "--epochs", "1", "--batch", "8", "--lr", "0.0001", "--workers", "2",
            "--seed", "0", "--json", "-o", cli));
        var settings = new PruneStepSettings { Mode = "magnitude", Ratio = 0.5, RampEpochs = 1, PruneEvery = 1 };
        var context = Context(model, data, steps: new StepSettings { G5 = settings },
            fineTune: new FineTuneSpec { Epochs = 1, Batch = 8, LearningRate = 0.0001, Distillation = 0, Workers = 2 });
        var dense = ModelPreparation.Run(OnnxImporter.Load(model), PreparationOptions.Rewrite);
        ModelPruning.FineTune(dense, PruneStep.Options(settings), context.Data, context.Preprocess, context.FineTuning("G5", context.Config.Model.File),
            pipeline, context.Session, cancellationToken: CancellationToken.None);

        AssertSameTrainedWeights(cli, pipeline);
    }

    [Fact]
    public void Train_cli_and_the_pipelines_training_train_the_same_weights()
    {
        var (root, model, data) = Classifier();
        string cli = Path.Combine(root, "cli.trained.onnx"), pipeline = Path.Combine(root, "baseline.onnx");

        Ok(Run("train", "--model", model, "--data", data, "--task", "classify", "--epochs", "1", "--batch", "8", "--lr", "0.01", "--workers", "2",
            "--seed", "0", "--json", "-o", cli));
        // As the baseline stage trains a zoo model: the full learning rate, the start not validated.
        var context = Context(model, data, fineTune: new FineTuneSpec { Epochs = 1, Batch = 8, LearningRate = 0.01, Distillation = 0, Workers = 2 });
        var graph = ModelPreparation.Run(OnnxImporter.Load(model), PreparationOptions.Rewrite).Graph;
        context.FineTune(BaselineStage.Id, graph, teacherPath: null, pipeline, CancellationToken.None, rateFactor: 1, validateFirst: false);

        AssertSameTrainedWeights(cli, pipeline);
        Assert.False(File.ReadAllBytes(model).AsSpan().SequenceEqual(File.ReadAllBytes(cli)), "training left the weights as they were");
    }

    [Fact]
    public void Finetune_cli_and_the_pipelines_fine_tuning_write_the_same_weights()
    {
        var (root, model, data) = Classifier();
        string cli = Path.Combine(root, "cli.tuned.onnx"), pipeline = Path.Combine(root, "g.tuned.onnx");

        Ok(Run("finetune", model, "--data", data, "--task", "classify", "--epochs", "1", "--batch", "8", "--lr", "0.01", "--workers", "2",
            "--seed", "0", "--json", "-o", cli));
        var context = Context(model, data, fineTune: new FineTuneSpec { Epochs = 1, Batch = 8, LearningRate = 0.01, Distillation = 0, Workers = 2 });
        var graph = ModelPreparation.Run(OnnxImporter.Load(model), PreparationOptions.Rewrite).Graph;
        context.FineTune("G2", graph, teacherPath: null, pipeline, CancellationToken.None);

        AssertSameTrainedWeights(cli, pipeline);
    }

    /// <summary>Byte-identical files: training on the CPU with the same seed, options, data order and thread count is deterministic (checked: two runs write the same bytes).</summary>
    private static void AssertSameTrainedWeights(string cli, string pipeline) => AssertSameBytes(cli, pipeline);

    [Fact]
    public void Profile_cli_counts_the_macs_and_parameters_the_pipeline_records()
    {
        var (_, model, data) = Classifier();

        var totals = Json(Run("profile", model, "--json")).GetProperty("totals");
        var figures = Measurer(model, data).Measure(model, new Metric("top1", 0), CancellationToken.None);

        Assert.Equal(figures.Macs, totals.GetProperty("macs").GetInt64());
        Assert.Equal(figures.Params, totals.GetProperty("params").GetInt64());
    }

    [Fact]
    public void Check_cli_estimates_the_target_latency_the_pipeline_records()
    {
        var (_, model, data) = Classifier();

        var json = Json(Run("check", model, "--target", "rpi4", "--json"));
        var figures = Measurer(model, data, "rpi4").Measure(model, new Metric("top1", 0), CancellationToken.None);

        Assert.Equal("rpi4", json.GetProperty("target").GetString());
        Assert.Equal(Math.Round(figures.TargetMs!.Value, 3), json.GetProperty("estimatedLatencyMs").GetProperty("fp32").GetDouble());
    }

    [Fact]
    public void Eval_cli_measures_the_metric_the_pipeline_measures()
    {
        var (_, model, data) = Classifier();

        var metric = Json(Run("eval", model, "--data", data, "--task", "classify", "--json")).GetProperty("metric");
        var context = Context(model, data);
        var figures = Measurer(model, data).Measure(model, accuracy: null, CancellationToken.None);

        Assert.Equal(figures.Metric, metric.GetProperty("name").GetString());
        Assert.Equal(Math.Round(figures.Accuracy / 100, 6), metric.GetProperty("value").GetDouble(), 9);
        Assert.NotNull(context);
    }

    [Fact]
    public void Bench_cli_shows_the_macs_the_pipeline_records()
    {
        var (_, model, data) = Classifier();

        var result = Run("bench", model, "--runs", "2", "--warmup-runs", "0");
        var figures = Measurer(model, data).Measure(model, new Metric("top1", 0), CancellationToken.None);

        Ok(result);
        Assert.Contains(Lighten.Cli.Rendering.Units.Count(figures.Macs), result.Out);
        Assert.Equal(2, Json(Run("bench", model, "--runs", "2", "--warmup-runs", "0", "--json"))[0].GetProperty("runs").GetInt32());
    }

    private static StageMeasurer Measurer(string model, string data, string target = "host")
    {
        var context = Context(model, data, target);
        return new StageMeasurer(context.Data, context.Preprocess, context.Target, context.Session, runs: 2);
    }
}
