using System.Text.Json;
using System.Text.RegularExpressions;
using Lighten.Tests.Foreign;
using Onnx;
using Xunit.Abstractions;

namespace Lighten.Cli.Tests;

/// <summary>
/// Every transform command on every model of the foreign-pattern corpus (<see cref="ForeignFixtures"/>). For each pair the
/// command either writes a model that ONNX Runtime loads and runs with the original's output shapes (and the original's
/// values where the transform is exact: optimize; loosely for fp16), or refuses with exit code 2 and one stderr line that
/// names the node or input and the reason. Never an internal error; never exit 0 with nothing done unless a line starting
/// "warning:" says why. Fixtures whose height and width are symbolic are given <c>--input-shape</c>; without it, profile
/// must ask for it.
/// </summary>
public class ForeignMatrixTests(ITestOutputHelper log)
{
    private enum Expect
    {
        /// <summary>Reports only; writes no model.</summary>
        Report,

        /// <summary>Writes a model computing the same values (1e-4 of the largest output value).</summary>
        Exact,

        /// <summary>Writes an FP16 model computing about the same values (3e-2 of the largest output value).</summary>
        Loose,

        /// <summary>Writes a model with the same output shapes (values change by design).</summary>
        Shapes,
    }

    /// <summary>A command of the matrix: its arguments for a model and an output, what it must deliver, and how to tell it did something.</summary>
    private sealed record MatrixCommand(string Key, Expect Expect, Func<string, string, string[]> Args, Func<ModelProto, ModelProto, bool>? DidSomething);

    private static readonly MatrixCommand[] Commands =
    [
        new("profile", Expect.Report, (m, _) => ["profile", m, "--json"], null),
        new("check", Expect.Report, (m, _) => ["check", m, "--target", "rk3399-cpu", "--json"], null),
        new("optimize", Expect.Exact, (m, o) => ["optimize", m, "-o", o], Changed),
        new("factorize", Expect.Shapes, (m, o) => ["factorize", m, "--bottleneck", "4", "--threads", "1", "-o", o], Changed),
        new("quantize", Expect.Shapes, (m, o) => ["quantize", m, "--calib", "synthetic", "--count", "4", "--no-measure", "--threads", "1", "-o", o],
            (_, after) => after.Graph.Node.Any(n => n.OpType is "QuantizeLinear" or "DequantizeLinear" or "QLinearConv" or "ConvInteger")),
        new("fp16", Expect.Loose, (m, o) => ["fp16", m, "--force", "--runs", "2", "--threads", "1", "-o", o],
            (_, after) => after.Graph.Initializer.Any(t => t.DataType == (int)TensorProto.Types.DataType.Float16)),
        new("prune-structured", Expect.Shapes, (m, o) => ["prune", m, "--structured", "--ratio", "0.5", "-o", o],
            (before, after) => FloatWeights(after) < FloatWeights(before)),
        new("prune-unstructured", Expect.Shapes, (m, o) => ["prune", m, "--unstructured", "--sparsity", "0.5", "--threads", "1", "-o", o],
            (before, after) => ZeroWeights(after) > ZeroWeights(before)),
        new("swap-backbone", Expect.Shapes, (m, o) => ["swap-backbone", m, "--epochs", "0", "--candidates", "shufflenet_v2_x0_5", "--runs", "2", "--threads", "1", "-o", o],
            Changed),
    ];

    /// <summary>Every (fixture, command) pair.</summary>
    public static TheoryData<string, string> Pairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var f in ForeignFixtures.All)
                foreach (var c in Commands) data.Add(f.Name, c.Key);
            return data;
        }
    }

    /// <summary>The fixtures with a symbolic height or width.</summary>
    public static TheoryData<string> SymbolicFixtures => [.. ForeignFixtures.All.Where(f => f.HasSymbolicNonBatchDims).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Transform(string fixture, string command)
    {
        var f = ForeignFixtures.Get(fixture);
        var c = Commands.Single(x => x.Key == command);
        var dir = CliRunner.TempDir();
        try
        {
            RunAndJudge(f, c, dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private void RunAndJudge(ForeignFixture f, MatrixCommand c, string dir)
    {
        string fixture = f.Name, command = c.Key;
        var model = f.Write(dir);
        var output = Path.Combine(dir, $"{fixture}.{command}.onnx");
        string[] args = [.. c.Args(model, output), .. f.InputShapeArgs];

        var result = CliRunner.Run(args);
        log.WriteLine($"exit {result.ExitCode}\nstdout:\n{result.Out}\nstderr:\n{result.Error}");

        var what = $"{command} on {fixture} (lighten {string.Join(' ', args.Select(a => a == model ? $"{fixture}.onnx" : a == output ? "OUT.onnx" : a))})";
        var firstError = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        Assert.True(result.ExitCode is 0 or 2, $"{what}: exit {result.ExitCode}: {firstError}");
        Assert.False(result.Error.Contains("internal error", StringComparison.Ordinal), $"{what}: {firstError}");
        if (result.ExitCode == 2)
        {
            AssertRefusal(f, result, what);
            Assert.False(File.Exists(output), $"{what}: refused but wrote {output}");
            return;
        }

        if (c.Expect == Expect.Report)
        {
            Assert.False(File.Exists(output), $"{what}: a report command wrote a model");
            using var _ = JsonDocument.Parse(result.Out);
            return;
        }
        bool warned = WarningLines(result).Any();
        if (!File.Exists(output))
        {
            Assert.True(warned, $"{what}: exit 0, no model written and no line starting \"warning:\" says why");
            return;
        }
        var before = ModelProto.Parser.ParseFrom(File.ReadAllBytes(model));
        var after = ModelProto.Parser.ParseFrom(File.ReadAllBytes(output));
        Assert.True(warned || c.DidSomething!(before, after), $"{what}: exit 0 but the model is unchanged and no line starting \"warning:\" says why");

        var expected = ForeignOrt.Run(model, f);
        IReadOnlyList<ForeignOutput> actual;
        try
        {
            actual = ForeignOrt.Run(output, f);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            Assert.Fail($"{what}: ONNX Runtime cannot run the written model: {e.Message.Split('\n')[0]}");
            return;
        }
        Assert.True(expected.Select(o => o.Shape).SequenceEqual(actual.Select(o => o.Shape), ShapeComparer.Instance),
            $"{what}: output shapes {Shapes(actual)} differ from the original's {Shapes(expected)}");
        foreach (var o in actual)
            Assert.True(o.Values.All(float.IsFinite), $"{what}: output '{o.Name}' holds non-finite values");
        double tolerance = c.Expect switch { Expect.Exact => 1e-4, Expect.Loose => 3e-2, _ => double.PositiveInfinity };
        for (int i = 0; i < expected.Count && !double.IsPositiveInfinity(tolerance); i++)
        {
            // Relative to the largest output value (a softmax over 4096 values is all below 1e-3), plus a float32 epsilon.
            double allowed = tolerance * expected[i].MaxAbs + 1e-7;
            double diff = expected[i].Values.Zip(actual[i].Values, (e, a) => Math.Abs((double)e - a)).Max();
            Assert.True(diff <= allowed, $"{what}: output '{expected[i].Name}' differs by {diff:g3} (allowed {allowed:g3})");
        }
    }

    [Theory]
    [MemberData(nameof(SymbolicFixtures))]
    public void Profile_without_input_shape_asks_for_it(string fixture)
    {
        var f = ForeignFixtures.Get(fixture);
        var dir = CliRunner.TempDir();
        var model = f.Write(dir);

        var result = CliRunner.Run("profile", model, "--json");
        Directory.Delete(dir, recursive: true);
        log.WriteLine($"exit {result.ExitCode}\nstdout:\n{result.Out}\nstderr:\n{result.Error}");

        var firstError = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var what = $"profile on {fixture} without --input-shape";
        Assert.True(result.ExitCode == 2, $"{what}: exit {result.ExitCode}: {(firstError.Length > 0 ? firstError : "(nothing on stderr)")}");
        AssertRefusal(f, result, what);
        Assert.True(firstError.Contains("--input-shape", StringComparison.Ordinal), $"{what}: the error does not suggest --input-shape: {firstError}");
        Assert.True(firstError.Contains($"'{f.Inputs[0].Name}'", StringComparison.Ordinal) || NamesElement(firstError, [f.Inputs[0].Name]),
            $"{what}: the error does not name the input '{f.Inputs[0].Name}': {firstError}");
    }

    /// <summary>Exit 2 with one stderr line "lighten: error: ..." that names a node, a value, an initializer or an input of the model.</summary>
    private static void AssertRefusal(ForeignFixture f, CliRunner.Result result, string what)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var first = lines.FirstOrDefault() ?? "";
        Assert.True(lines.Length == 1, $"{what}: exit 2 with {lines.Length} stderr lines: {string.Join(" | ", lines.Take(3))}");
        Assert.True(first.StartsWith("lighten: error:", StringComparison.Ordinal), $"{what}: {first}");
        Assert.True(!result.Error.Contains("   at ", StringComparison.Ordinal), $"{what}: a stack trace: {first}");
        Assert.True(NamesElement(first, ModelNames(f)), $"{what}: exit 2 but the line names no node or input of the model: {first}");
    }

    private static IEnumerable<string> ModelNames(ForeignFixture f) =>
        f.Graph.Nodes.SelectMany(n => n.Inputs.Concat(n.Outputs).Append(n.Name))
            .Concat(f.Graph.Inputs.Select(i => i.Name))
            .Concat(f.Graph.Initializers.Keys)
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="line"/> mentions one of <paramref name="names"/>: quoted, or as a whole word when the name is not
    /// a plain word or number (so that "output" in "the backbone's output" or a size such as 17 is not taken for a value name).
    /// </summary>
    private static bool NamesElement(string line, IEnumerable<string> names) =>
        names.Any(n => n.All(char.IsAsciiLetterOrDigit)
            ? line.Contains($"'{n}'", StringComparison.Ordinal) || line.Contains($"\"{n}\"", StringComparison.Ordinal)
            : Regex.IsMatch(line, $@"(?<![\w.]){Regex.Escape(n)}(?![\w])"));

    private static IEnumerable<string> WarningLines(CliRunner.Result result) =>
        result.Out.Split('\n').Concat(result.Error.Split('\n')).Select(l => l.Trim()).Where(l => l.StartsWith("warning:", StringComparison.Ordinal));

    private static bool Changed(ModelProto before, ModelProto after) => Signature(before) != Signature(after);

    private static string Signature(ModelProto m) =>
        string.Join("\n", m.Graph.Node.Select(n => $"{n.OpType}({string.Join(",", n.Input)})->{string.Join(",", n.Output)} {n.Attribute}"))
        + "\n" + string.Join("\n", m.Graph.Initializer.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => $"{t.Name}:{t.DataType}:{string.Join("x", t.Dims)}:{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(t.RawData.Span))}"));

    private static long FloatWeights(ModelProto m) =>
        m.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float).Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d))
        + m.Graph.Node.Where(n => n.OpType == "Constant").SelectMany(n => n.Attribute).Where(a => a.T is { DataType: (int)TensorProto.Types.DataType.Float })
            .Sum(a => a.T.Dims.Aggregate(1L, (x, d) => x * d));

    private static long ZeroWeights(ModelProto m) =>
        m.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float && t.RawData.Length > 0)
            .Sum(t => (long)System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).Count(0f));

    private static string Shapes(IEnumerable<ForeignOutput> outputs) => string.Join(", ", outputs.Select(o => string.Join("x", o.Shape)));

    private sealed class ShapeComparer : IEqualityComparer<long[]>
    {
        public static readonly ShapeComparer Instance = new();
        public bool Equals(long[]? x, long[]? y) => x is not null && y is not null && x.SequenceEqual(y);
        public int GetHashCode(long[] obj) => obj.Length;
    }
}
