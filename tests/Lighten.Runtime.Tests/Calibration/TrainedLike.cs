using System.Collections.Concurrent;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Runtime.Calibration;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime.Tests.Calibration;

/// <summary>
/// The test classifiers carry untrained weights (BatchNormalization folded at its initial statistics): their activations
/// shrink layer after layer and every input gets the same class, so top-1 agreement on them proves nothing. This fixture
/// gives them what training would, from data alone:
/// <list type="bullet">
/// <item>a smooth feature extractor: walking the convolutions in order, each one's weights and bias are rescaled so that its
/// output channels have standard deviation 1 and mean <see cref="Shift"/> over a few synthetic images (BatchNormalization
/// recomputed on data, as LSUV initialization does). With mean 0 a random network is chaotic: an input perturbation of
/// 42 dB SNR already leaves only 6-10 dB at the output, in FP32, so no 8-bit model could agree with it. With mean 2 the
/// ReLUs are mostly open and the network is as smooth as trained ones are (output SNR 33-42 dB for the same perturbation);</item>
/// <item>a trained-like classifier: the last Gemm is replaced by a head on the five principal directions of its input features
/// over 64 synthetic images, class 2i (2i+1) meaning a large positive (negative) projection on direction i, so the classes
/// split the data along its dominant variations and the FP32 model gives varied answers.</item>
/// </list>
/// </summary>
internal static class TrainedLike
{
    /// <summary>The mean every re-normalized convolution output is given.</summary>
    public const float Shift = 2;

    private const int Directions = 5;
    private static readonly ConcurrentDictionary<string, Graph> Cache = new(StringComparer.Ordinal);

    /// <summary>The test model <paramref name="file"/> (in tests/data), BatchNormalization folded, made trained-like.</summary>
    public static Graph Load(string file) => Cache.GetOrAdd(file, f =>
    {
        var graph = Optimize.Run(OnnxImporter.Load(TestFiles.Data(f))).Graph;
        var input = graph.Inputs[0].Shape!;
        int width = (int)input.Dims[3].Value!, height = (int)input.Dims[2].Value!;
        graph = ReNormalize(graph, Images(new SyntheticCalibrationSource(width, height, 8, seed: 99)));
        return PrincipalHead(graph, Images(new SyntheticCalibrationSource(width, height, 64, seed: 98)));
    });

    private static (float[] Data, long[] Shape) Images(CalibrationSource source)
    {
        var images = new float[source.Count * source.SampleLength];
        for (int i = 0; i < source.Count; i++) source.Write(i, images.AsSpan(i * source.SampleLength, source.SampleLength));
        return (images, [source.Count, 3, source.Height, source.Width]);
    }

    private static Graph ReNormalize(Graph graph, (float[] Data, long[] Shape) images)
    {
        foreach (var name in graph.Nodes.Where(n => n.OpType == "Conv").Select(n => n.Name).ToList())
        {
            var node = graph.FindNode(name)!;
            var (values, shape) = Run(graph, node.Outputs[0], images);
            var (mean, std) = ChannelStatistics(values, shape);
            var w = graph.Initializers[node.Inputs[1]];
            var weights = w.ToFloatArray();
            long perChannel = weights.Length / w.Dims[0];
            var bias = node.HasInput(2) ? graph.Initializers[node.Inputs[2]].ToFloatArray() : new float[w.Dims[0]];
            for (int c = 0; c < bias.Length; c++)
            {
                float s = (float)(1 / Math.Max(std[c], 1e-6));
                for (long k = 0; k < perChannel; k++) weights[c * perChannel + k] *= s;
                bias[c] = (float)((bias[c] - mean[c]) * s) + Shift;
            }
            graph = Replace(graph, node, TensorData.FromFloats(w.Dims, weights), TensorData.FromFloats([bias.Length], bias));
        }
        return graph;
    }

    private static Graph PrincipalHead(Graph graph, (float[] Data, long[] Shape) images)
    {
        var head = graph.Nodes.Last(n => n.OpType == "Gemm");
        var (values, shape) = Run(graph, head.Inputs[0], images);
        int n = (int)shape[0], f = (int)(values.Length / n);
        var mean = new double[f];
        for (int i = 0; i < n; i++) for (int k = 0; k < f; k++) mean[k] += values[i * f + k] / (double)n;
        var x = new double[n, f];
        for (int i = 0; i < n; i++) for (int k = 0; k < f; k++) x[i, k] = values[i * f + k] - mean[k];
        int classes = (int)graph.Initializers[head.Inputs[1]].Dims[head.GetInt("transB", 0) != 0 ? 0 : 1];
        var weights = new float[classes * f];
        var bias = new float[classes];
        var gram = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { double s = 0; for (int k = 0; k < f; k++) s += x[i, k] * x[j, k]; gram[i, j] = s; }
        for (int d = 0; d < Directions && 2 * d + 1 < classes; d++)
        {
            var (u, lambda) = TopEigenvector(gram);
            // The principal direction in feature space, scaled so the projection has unit variance over the images.
            var p = new double[f];
            for (int k = 0; k < f; k++) { double s = 0; for (int i = 0; i < n; i++) s += x[i, k] * u[i]; p[k] = s / lambda * Math.Sqrt(n); }
            double offset = 0;
            for (int k = 0; k < f; k++) offset += p[k] * mean[k];
            for (int k = 0; k < f; k++) { weights[2 * d * f + k] = (float)p[k]; weights[(2 * d + 1) * f + k] = (float)-p[k]; }
            bias[2 * d] = (float)-offset;
            bias[2 * d + 1] = (float)offset;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) gram[i, j] -= lambda * u[i] * u[j];
        }
        for (int c = 2 * Directions; c < classes; c++) bias[c] = -1e3f;
        var b = new GraphBuilder(graph);
        var wName = b.UniqueName("principal_head_weight");
        var bName = b.UniqueName("principal_head_bias");
        b.SetInitializer(wName, TensorData.FromFloats([classes, f], weights));
        b.SetInitializer(bName, TensorData.FromFloats([classes], bias));
        b.ReplaceNode(head.WithAttribute("transB", new IntAttribute(1)) with { Inputs = [head.Inputs[0], wName, bName] });
        return b.ToGraph();
    }

    private static (double[] Vector, double Value) TopEigenvector(double[,] m)
    {
        int n = m.GetLength(0);
        var v = Enumerable.Range(0, n).Select(i => 1.0 + i % 3).ToArray();
        double lambda = 0;
        for (int iteration = 0; iteration < 500; iteration++)
        {
            var next = new double[n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) next[i] += m[i, j] * v[j];
            lambda = Math.Sqrt(next.Sum(e => e * e));
            v = [.. next.Select(e => e / lambda)];
        }
        return (v, lambda);
    }

    private static Graph Replace(Graph graph, Node node, TensorData weights, TensorData bias)
    {
        var b = new GraphBuilder(graph);
        var wName = b.UniqueName(node.Inputs[1] + "_renorm");
        var bName = b.UniqueName(node.Name + "_bias_renorm");
        b.SetInitializer(wName, weights);
        b.SetInitializer(bName, bias);
        b.ReplaceNode(node with { Inputs = [node.Inputs[0], wName, bName] });
        return b.ToGraph();
    }

    private static (float[] Values, long[] Shape) Run(Graph graph, string tensor, (float[] Data, long[] Shape) images)
    {
        var probe = graph with { Outputs = [new ValueInfo(tensor, ElementType.Float, null)] };
        using var options = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(OnnxExporter.ToBytes(probe), options);
        using var input = OrtValue.CreateTensorValueFromMemory(images.Data, images.Shape);
        using var run = new RunOptions();
        using var outputs = session.Run(run, [graph.Inputs[0].Name], [input], [tensor]);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[0].GetTensorTypeAndShape().Shape);
    }

    private static (double[] Mean, double[] Std) ChannelStatistics(float[] data, long[] shape)
    {
        int channels = (int)shape[1];
        long inner = data.Length / (shape[0] * channels);
        var sum = new double[channels];
        var squares = new double[channels];
        for (long n = 0; n < shape[0]; n++)
            for (int c = 0; c < channels; c++)
                foreach (var v in data.AsSpan((int)((n * channels + c) * inner), (int)inner))
                {
                    sum[c] += v;
                    squares[c] += (double)v * v;
                }
        double count = shape[0] * inner;
        var mean = sum.Select(s => s / count).ToArray();
        return (mean, [.. squares.Select((q, c) => Math.Sqrt(Math.Max(q / count - mean[c] * mean[c], 0)))]);
    }
}
