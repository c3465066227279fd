using BenchmarkDotNet.Running;
using Lighten.Bench;

if (args.Length > 0 && args[0] == TrainingStepComparison.Command) return TrainingStepComparison.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
