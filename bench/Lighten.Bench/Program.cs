using BenchmarkDotNet.Running;
using Lighten.Bench.Quantization;
using Lighten.Bench.Runtime;

// ONNX Runtime measurements compare against a hand-written loop in interleaved rounds, which BenchmarkDotNet's
// one-benchmark-at-a-time runs cannot do; they have their own entry point.
if (args is ["runtime", .. var rest]) return RuntimeBench.Run(rest);
if (args is ["quant", .. var quant]) return QuantBench.Run(quant);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
