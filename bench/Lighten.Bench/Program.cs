using BenchmarkDotNet.Running;
using Lighten.Bench.Runtime;
using Lighten.Bench.Training;

// ONNX Runtime measurements compare against a hand-written loop in interleaved rounds, which BenchmarkDotNet's
// one-benchmark-at-a-time runs cannot do; they have their own entry point.
if (args is ["runtime", .. var rest]) return RuntimeBench.Run(rest);
// The classifier demo's generated ImageFolder (see bench/train/README.md).
if (args is ["shapes-folder", .. var shapeArgs]) return ShapesFolder.Run(shapeArgs);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
