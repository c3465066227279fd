using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Data.Imaging;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Stages;

/// <summary>What a step sees: the configuration, data, target, the current model and its figures, the stages so far, and the shared fine-tuning.</summary>
public sealed class StageContext
{
    /// <summary>Creates the context of a run writing into <paramref name="outputDirectory"/>.</summary>
    public StageContext(PipelineConfig config, TrainingData data, TargetProfile target, SessionOptionsSpec session, string outputDirectory, IPipelineObserver observer)
    {
        Config = config;
        Data = data;
        Target = target;
        Session = session;
        OutputDirectory = outputDirectory;
        Observer = observer;
        Trials = new Lighten.Pipeline.Trials.StepTrials(new Lighten.Pipeline.Trials.InProcessTrialExecutor(observer), Lighten.Pipeline.Trials.TrialCommand.Default, config.Executor);
    }

    /// <summary>The pipeline.</summary>
    public PipelineConfig Config { get; }

    /// <summary>Training and validation data.</summary>
    public TrainingData Data { get; }

    /// <summary>The preprocessing.</summary>
    public Preprocess Preprocess => Data.Preprocess;

    /// <summary>The target profile.</summary>
    public TargetProfile Target { get; }

    /// <summary>The target as every capability takes it (<see cref="TargetChoice"/>: the host measured, other targets estimated).</summary>
    public TargetChoice Choice => TargetChoice.Of(Target);

    /// <summary>ONNX Runtime settings of every measurement.</summary>
    public SessionOptionsSpec Session { get; }

    /// <summary>The run's output folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>Checkpoints and scratch files.</summary>
    public string WorkDirectory => Path.Combine(OutputDirectory, "work");

    /// <summary>Progress and status.</summary>
    public IPipelineObserver Observer { get; }

    /// <summary>The model the next step starts from (the last kept artifact).</summary>
    public string CurrentPath { get; internal set; } = "";

    /// <summary>The figures of <see cref="CurrentPath"/>.</summary>
    public StageFigures? Current { get; internal set; }

    /// <summary>The last kept FP32 artifact (structural steps work on it; precision steps change the precision).</summary>
    public string CurrentFp32Path { get; internal set; } = "";

    /// <summary>The baseline artifact.</summary>
    public string BaselinePath { get; internal set; } = "";

    /// <summary>The baseline's figures.</summary>
    public StageFigures? Baseline { get; internal set; }

    /// <summary>The pipeline's YAML text (a trial re-reads it).</summary>
    public string PipelineText { get; internal set; } = "";

    /// <summary>Where the steps' trials run (in this process unless the runner was given another executor).</summary>
    public Trials.StepTrials Trials { get; internal set; }

    /// <summary>
    /// Measures a candidate artifact of the current step and judges it as the runner judges a step (null outside a run):
    /// G5's sweep compares its ratios with it.
    /// </summary>
    internal Func<string, Metric?, CancellationToken, CandidateVerdict>? Judge { get; set; }

    /// <summary>The stages recorded so far.</summary>
    public IReadOnlyList<StageRecord> History { get; internal set; } = [];

    /// <summary>The record of stage <paramref name="id"/>, if it ran or was skipped already.</summary>
    public StageRecord? Stage(string id) => History.FirstOrDefault(s => s.Id == id);

    /// <summary>The input shape the model is measured at.</summary>
    public IReadOnlyDictionary<string, long[]> InputShapes(Graph graph) =>
        new Dictionary<string, long[]> { [graph.Inputs[0].Name] = [1, 3, Preprocess.Height, Preprocess.Width] };

    /// <summary>
    /// Fine-tunes <paramref name="graph"/> with the pipeline's budget (distilling from <paramref name="teacherPath"/> when
    /// the distillation weight is above 0), with a checkpoint per stage so that a killed run resumes inside the training,
    /// writes <paramref name="artifact"/> and measures that file's accuracy in ONNX Runtime.
    /// </summary>
    public TuningOutcome FineTune(string stageId, Graph graph, string? teacherPath, string artifact, CancellationToken cancellationToken, int? epochs = null, double rateFactor = 0.1,
        IReadOnlyDictionary<string, Lighten.Core.TensorData>? masks = null, bool validateFirst = true)
    {
        var options = FineTuning(stageId, teacherPath, epochs, rateFactor, validateFirst) with { Masks = masks };
        return ModelTuning.TrainAndMeasure(graph, Data, Preprocess, options, artifact, Session, Observer.Training, cancellationToken);
    }

    /// <summary>The training options of <see cref="FineTune"/>: the pipeline's budget, distilling from <paramref name="teacherPath"/> when the distillation weight is above 0.</summary>
    public TrainingOptions FineTuning(string stageId, string? teacherPath, int? epochs = null, double rateFactor = 0.1, bool validateFirst = true)
    {
        var teacher = teacherPath is not null && Config.FineTune.Distillation > 0 ? OnnxImporter.Load(teacherPath) : null;
        return Training(stageId, epochs, rateFactor, validateFirst) with
        {
            Distillation = teacher is null ? null : new DistillationOptions(teacher) { Alpha = Config.FineTune.Distillation },
        };
    }

    /// <summary>The training options of the pipeline's budget for stage <paramref name="stageId"/>: seeded, resumable from the stage's checkpoint.</summary>
    public TrainingOptions Training(string stageId, int? epochs = null, double rateFactor = 0.1, bool validateFirst = true)
    {
        var f = Config.FineTune;
        var options = new TrainingOptions
        {
            Epochs = epochs ?? f.Epochs,
            BatchSize = f.Batch,
            Seed = Config.Seed,
            Workers = f.Workers ?? 2,
            Threads = Config.Threads,
            ValidateBeforeTraining = validateFirst,
            CheckpointDirectory = Path.Combine(WorkDirectory, stageId + ".checkpoint"),
            Resume = true,
        };
        return options with { LearningRate = f.LearningRate ?? options.ResolvedLearningRate * rateFactor };
    }
}
