using System.Diagnostics;
using Lighten.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>
/// The live pieces of one training run — the student module (with its masks), the teacher, the optimizer, the
/// schedule — and its two passes: an augmented training epoch and a validation pass in eval mode.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private readonly TrainingData _data;
    private readonly TrainingOptions _options;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly GraphModule? _teacher;
    private readonly long[] _sampleShape;
    private readonly int _trainPerEpoch;

    public TrainingRun(Graph graph, TrainingData data, TrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        _data = data;
        _options = options;
        _progress = progress;
        _cancellation = cancellation;
        _sampleShape = [3, data.Preprocess.Height, data.Preprocess.Width];
        Module = new GraphModule(graph) { MixedPrecision = options.MixedPrecision };
        try
        {
            foreach (var (weight, mask) in options.Masks ?? new Dictionary<string, TensorData>())
            {
                using var tensor = TorchTensors.ToTensor(mask);
                Module.SetMask(weight, tensor);
            }
            options.Sparsity?.Update(Module, 0);
            var shape = OutputShape(Module);
            data.Bind(shape, graph.Name);
            if (options.Distillation is { } distillation)
            {
                _teacher = new GraphModule(distillation.Teacher, "Teacher");
                foreach (var p in _teacher.parameters()) p.requires_grad = false;
                var teacherShape = OutputShape(_teacher);
                if (!teacherShape.SequenceEqual(shape))
                    throw new OptionException($"the teacher '{distillation.Teacher.Name}' outputs {string.Join("x", teacherShape)} for one image, the student {string.Join("x", shape)}; distillation needs the same output shape");
            }
            _trainPerEpoch = data.TrainCount >= options.BatchSize ? data.TrainCount / options.BatchSize * options.BatchSize : data.TrainCount;
            StepsPerEpoch = (_trainPerEpoch + options.BatchSize - 1) / options.BatchSize;
            Schedule = LearningRateSchedule.For(options, StepsPerEpoch);
            Optimizer = OptimizerFactory.Create(Module, options);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public GraphModule Module { get; }

    public OptimizerHelper Optimizer { get; } = null!;

    public LearningRateSchedule Schedule { get; } = null!;

    public int StepsPerEpoch { get; }

    public int ValidationSteps => (_data.ValidationCount + _options.BatchSize - 1) / _options.BatchSize;

    /// <summary>Trains one epoch (from 1) over the training set in the epoch's seeded order, each sample augmented by its own seeded generator.</summary>
    public EpochOutcome TrainEpoch(int epoch, double? best)
    {
        Module.train();
        _teacher?.eval();
        random.manual_seed(DerivedSeed.Of(_options.Seed, DerivedSeed.Torch, epoch));
        var order = Enumerable.Range(0, _data.TrainCount).ToArray();
        new Random(DerivedSeed.Of(_options.Seed, DerivedSeed.Order, epoch)).Shuffle(order);

        int step = 0, samples = 0;
        double lossSum = 0, rate = 0;
        var clock = Stopwatch.StartNew();
        var batches = AugmentedBatches(order[.._trainPerEpoch], DerivedSeed.Augment, epoch);
        foreach (var batch in batches)
        {
            _cancellation.ThrowIfCancellationRequested();
            rate = Schedule.RateAt((epoch - 1) * StepsPerEpoch + step);
            OptimizerFactory.SetLearningRate(Optimizer, rate);
            double loss = Step(batch, (epoch - 1) * StepsPerEpoch + step);
            step++;
            if (!double.IsFinite(loss)) return new EpochOutcome(0, rate, clock.Elapsed.TotalSeconds, 0, step, loss);
            lossSum += loss * batch.Count;
            samples += batch.Count;
            _progress?.Report(new TrainingProgress(TrainingPhase.Training, epoch, _options.Epochs, step, StepsPerEpoch, lossSum / samples,
                rate, samples / clock.Elapsed.TotalSeconds, _data.MetricName, best));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return new EpochOutcome(samples == 0 ? 0 : lossSum / samples, rate, seconds, samples / seconds);
    }

    /// <summary>
    /// Set when validation re-estimated the BatchNormalization statistics (see <see cref="RunningStatistics"/>): how many
    /// images, and the share of the starting statistics the running ones held after the first epoch.
    /// </summary>
    public string? StatisticsNote { get; private set; }

    /// <summary>The validation metric of the module in eval mode (after epoch 1 on, with re-estimated BatchNorm statistics where the running ones are stale).</summary>
    public double Validate(int epoch, double? best)
    {
        if (epoch > 0) ReestimateStaleStatistics(epoch);
        Module.eval();
        using var noGrad = no_grad();
        var meter = _data.NewMeter();
        int done = 0;
        var batches = BatchLoader.Run(Enumerable.Range(0, _data.ValidationCount).ToArray(), _options.BatchSize, _data.Preprocess.ElementCount, 0,
            _options.Workers, _options.Prefetch, (i, input, _) => _data.WriteValidationSample(i, input), _cancellation);
        foreach (var batch in batches)
        {
            _cancellation.ThrowIfCancellationRequested();
            using (NewDisposeScope())
            {
                var output = Module.forward(batch.InputTensor(_sampleShape)).contiguous();
                var values = output.data<float>().ToArray();
                int length = values.Length / batch.Count;
                for (int i = 0; i < batch.Count; i++) meter.Add(batch.Indices[i], values.AsSpan(i * length, length));
            }
            _progress?.Report(new TrainingProgress(TrainingPhase.Validating, epoch, _options.Epochs, ++done, ValidationSteps, 0, 0, 0, _data.MetricName, best));
        }
        return meter.Value;
    }

    // Training samples in the given order, each augmented by its own generator seeded from the run, the purpose and the epoch.
    private IEnumerable<HostBatch> AugmentedBatches(int[] indices, long purpose, int epoch)
    {
        int seed = _options.Seed;
        return BatchLoader.Run(indices, _options.BatchSize, _data.Preprocess.ElementCount, _data.TargetLength, _options.Workers, _options.Prefetch,
            (i, input, target) => _data.WriteTrainSample(i, new Random(DerivedSeed.Of(seed, purpose, epoch, i)), input, target), _cancellation);
    }

    private void ReestimateStaleStatistics(int epoch)
    {
        long steps = (long)epoch * StepsPerEpoch;
        double share = RunningStatistics.StartingShare(Module.Graph, steps);
        if (share <= RunningStatistics.StaleShare) return;
        var order = Enumerable.Range(0, _data.TrainCount).ToArray();
        new Random(DerivedSeed.Of(_options.Seed, DerivedSeed.Statistics, epoch)).Shuffle(order);
        int count = Math.Min(RunningStatistics.Images, order.Length);
        RunningStatistics.Reestimate(Module, AugmentedBatches(order[..count], DerivedSeed.Statistics, epoch), _sampleShape, _cancellation);
        StatisticsNote ??= string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"BatchNorm statistics re-estimated over {count} training images before each validation (their running average still held {share * 100:0.#} % of the starting values after {steps} steps)");
    }

    public void Dispose()
    {
        Optimizer?.Dispose();
        _teacher?.Dispose();
        Module.Dispose();
    }

    /// <summary>One optimizer step (then a pruning update when the schedule has one after it); returns the loss, and leaves the weights untouched when it is not finite.</summary>
    private double Step(HostBatch batch, int globalStep)
    {
        using var scope = NewDisposeScope();
        var input = batch.InputTensor(_sampleShape);
        var targets = batch.TargetTensor();
        Optimizer.zero_grad();
        var output = Module.forward(input);
        var loss = _data.Loss(output, targets);
        if (_teacher is not null && _options.Distillation is { } d)
        {
            Tensor teacherOutput;
            using (no_grad()) teacherOutput = _teacher.forward(input);
            loss = d.Alpha * loss + (1 - d.Alpha) * _data.DistillationLoss(output, teacherOutput, d.Temperature);
        }
        double value = loss.item<float>();
        if (!double.IsFinite(value)) return value;
        loss.backward();
        Optimizer.step();
        if (_options.Sparsity is { } sparsity && sparsity.IsUpdate(globalStep + 1)) sparsity.Update(Module, globalStep + 1);
        Module.ApplyMasks();
        return value;
    }

    private long[] OutputShape(GraphModule module)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        module.eval();
        return module.forward(zeros([1, .. _sampleShape])).shape;
    }
}
