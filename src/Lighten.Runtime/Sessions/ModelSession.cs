using System.Diagnostics;
using Lighten.Core;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime;

/// <summary>
/// A ready ONNX Runtime session over one model file, with the time it took to create and the model's
/// inputs and outputs. Every ONNX Runtime failure comes out as a <see cref="SessionException"/> naming the file.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly RunOptions runOptions = new();

    private ModelSession(string path, SessionOptionsSpec options, InferenceSession session, TimeSpan initializationTime)
    {
        Path = path;
        Options = options;
        Session = session;
        InitializationTime = initializationTime;
        Inputs = [.. session.InputNames.Select(n => OrtMetadata.ToValueInfo(n, session.InputMetadata[n]))];
        Outputs = [.. session.OutputNames.Select(n => OrtMetadata.ToValueInfo(n, session.OutputMetadata[n]))];
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The options the session was created with.</summary>
    public SessionOptionsSpec Options { get; }

    /// <summary>The ONNX Runtime session, for callers that drive it directly.</summary>
    public InferenceSession Session { get; }

    /// <summary>
    /// Wall time of creating the session from the file (reading, graph optimization, kernel preparation):
    /// the "initialization time" of Lighten's reports. Loading ONNX Runtime itself is not counted.
    /// </summary>
    public TimeSpan InitializationTime { get; }

    /// <summary><see cref="InitializationTime"/> in milliseconds.</summary>
    public double InitMs => InitializationTime.TotalMilliseconds;

    /// <summary>The model's inputs in order; symbolic dimensions carry their names, unknown ones are <see cref="Dim.Unknown"/>.</summary>
    public IReadOnlyList<ValueInfo> Inputs { get; }

    /// <summary>The model's outputs in order.</summary>
    public IReadOnlyList<ValueInfo> Outputs { get; }

    private static readonly Lazy<bool> ProcessWarmUp = new(() =>
    {
        var graph = new Graph
        {
            Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape(1))],
            Outputs = [new ValueInfo("y", ElementType.Float, new TensorShape(1))],
            Nodes = [new Node("identity", "Identity", ["x"], ["y"])],
            Opsets = [new OpsetImport("", 13)],
        };
        using var session = new InferenceSession(Lighten.Core.Onnx.OnnxExporter.ToBytes(graph));
        return true;
    });

    /// <summary>Creates a session for <paramref name="path"/> with <paramref name="spec"/> (defaults when null) and times it.</summary>
    public static ModelSession Open(string path, SessionOptionsSpec? spec = null)
    {
        spec ??= new SessionOptionsSpec();
        if (!File.Exists(path)) throw new ModelFormatException("file not found", path);
        // The first session of a process also loads the native library, creates ONNX Runtime's environment
        // and compiles the managed session code; that one-off cost is not the model's, so it is paid before
        // the clock starts, and models measured in one process compare fairly whatever their order.
        _ = ProcessWarmUp.Value;
        using var options = spec.ToSessionOptions();
        InferenceSession? session = null;
        try
        {
            var clock = Stopwatch.StartNew();
            session = new InferenceSession(path, options);
            clock.Stop();
            return new ModelSession(path, spec, session, clock.Elapsed);
        }
        catch (OnnxRuntimeException e)
        {
            session?.Dispose();
            throw new SessionException($"ONNX Runtime could not load the model: {e.Message}", path, e);
        }
        catch
        {
            session?.Dispose();
            throw;
        }
    }

    /// <summary>Runs the model on <paramref name="inputs"/> (in <see cref="Inputs"/> order) and returns every output; the caller disposes them.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<OrtValue> inputs) =>
        Guard(() => Session.Run(runOptions, Session.InputNames, inputs, Session.OutputNames));

    /// <summary>Runs the model on the values bound in <paramref name="binding"/>.</summary>
    public void Run(OrtIoBinding binding)
    {
        try
        {
            Session.RunWithBinding(runOptions, binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw Failure(e);
        }
    }

    /// <summary>Calls <paramref name="action"/>, turning ONNX Runtime failures into a <see cref="SessionException"/> naming the model.</summary>
    public T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (OnnxRuntimeException e)
        {
            throw Failure(e);
        }
    }

    private SessionException Failure(OnnxRuntimeException e) => new($"ONNX Runtime failed to run the model: {e.Message}", Path, e);

    /// <inheritdoc/>
    public void Dispose()
    {
        Session.Dispose();
        runOptions.Dispose();
    }
}
