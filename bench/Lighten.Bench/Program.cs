using BenchmarkDotNet.Running;
using Lighten.Bench;
using Lighten.Bench.Quantization;
using Lighten.Bench.Runtime;
using Lighten.Bench.Training;

// ONNX Runtime and training-step measurements compare against a hand-written baseline in interleaved rounds,
// which BenchmarkDotNet's one-benchmark-at-a-time runs cannot do; they have their own entry points.
if (args is ["runtime", .. var rest]) return RuntimeBench.Run(rest);
if (args.Length > 0 && args[0] == TrainingStepComparison.Command) return TrainingStepComparison.Run(args[1..]);
if (args.Length > 0 && args[0] == NativeRemedyBench.Command) return NativeRemedyBench.Run(args[1..]);
if (args is ["targets", .. var targetArgs]) return Lighten.Bench.Targets.HostEstimateBench.Run(targetArgs);
// The classifier demo's generated ImageFolder (see bench/train/).
if (args is ["shapes-folder", .. var shapeArgs]) return ShapesFolder.Run(shapeArgs);
if (args is ["quant", .. var quant]) return QuantBench.Run(quant);
if (args is ["prune", .. var prune]) return Lighten.Bench.Pruning.PruneBench.Run(prune);
if (args is ["structure", .. var structure]) return Lighten.Bench.Structure.StructureBench.Run(structure);
if (args is ["agreement", .. var agreement]) return AgreementBench.Run(agreement);
if (args is ["passes", .. var passes]) return Lighten.Bench.Passes.PassBench.Run(passes);
if (args is ["pose-recipe", .. var recipe]) return PoseRecipe.Run(recipe);
if (args is ["pose-synth", .. var synth]) return PoseSynth.Run(synth);
if (args is ["run-diff", .. var runs]) return Lighten.Bench.Pipeline.RunDiff.Run(runs);
if (args is ["restore-bn", .. var restore]) return RestoreBatchNorm.Run(restore);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
