using System.Diagnostics;
using System.Globalization;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// Runs trials as child processes <c>lighten trial --spec FILE --index N</c> (the CLI's <see cref="TrialCommand"/>),
/// at most <c>parallel</c> at once, each one's stdout and stderr in <c>trial.log</c> in its folder. The engine job id is
/// the child's PID once started ("queued-…" before). <see cref="Cancel"/> kills each child with its process tree.
/// </summary>
public sealed class LocalTrialExecutor : ITrialExecutor
{
    private readonly TrialCommand _command;
    private readonly int _parallel;
    private readonly Dictionary<string, Child> _children = new(StringComparer.Ordinal);
    private readonly Queue<Child> _queue = new();
    private readonly Lock _gate = new();
    private int _queued;

    /// <summary>An executor starting <paramref name="command"/>, <paramref name="parallel"/> children at most.</summary>
    public LocalTrialExecutor(TrialCommand command, int parallel)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        _command = command;
        _parallel = parallel;
    }

    /// <inheritdoc/>
    public string Kind => "local";

    /// <inheritdoc/>
    public IReadOnlyList<TrialHandle> Submit(string specFile, IReadOnlyList<int> indexes, CancellationToken cancellationToken)
    {
        var specs = TrialSpecFile.Load(specFile);
        var started = new List<Child>();
        lock (_gate)
        {
            foreach (int index in indexes)
            {
                var child = new Child(index, $"queued-{++_queued}", specs.At(index).OutputDirectory, _command.Argv(Path.GetFullPath(specFile), index));
                _children[child.QueueId] = child;
                _queue.Enqueue(child);
                started.Add(child);
            }
            Pump();
            return [.. started.Select(c => c.Handle)];
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrialState> Poll(IReadOnlyList<TrialHandle> handles)
    {
        lock (_gate)
        {
            Pump();
            return [.. handles.Select(h => _children.TryGetValue(h.EngineJobId, out var child) ? child.State() : Foreign(h))];
        }
    }

    /// <inheritdoc/>
    public void Cancel(IReadOnlyList<TrialHandle> handles)
    {
        lock (_gate)
        {
            foreach (var handle in handles)
            {
                if (_children.TryGetValue(handle.EngineJobId, out var child)) child.Kill();
                else if (int.TryParse(handle.EngineJobId, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && IsTrial(pid))
                    KillTree(pid);
            }
        }
    }

    private void Pump()
    {
        while (_queue.Count > 0 && _children.Values.Distinct().Count(c => c.IsRunning) < _parallel)
        {
            var child = _queue.Dequeue();
            if (child.Cancelled) continue;
            child.Start();
            if (child.Pid is int pid) _children[pid.ToString(CultureInfo.InvariantCulture)] = child;
        }
    }

    /// <summary>A PID recorded by an earlier process (a resumed run): running while a <c>lighten trial</c> still has it, else only the marker can tell.</summary>
    private static TrialState Foreign(TrialHandle handle) =>
        int.TryParse(handle.EngineJobId, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && IsTrial(pid)
            ? new TrialState(handle, TrialStatus.Running)
            : new TrialState(handle, TrialStatus.Unknown);

    private static bool IsTrial(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return cmdline.Contains(TrialCommand.Verb) && cmdline.Contains("--spec");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void KillTree(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }

    /// <summary>One child: queued, running or exited, its output copied into its log.</summary>
    private sealed class Child(int index, string queueId, string directory, IReadOnlyList<string> argv)
    {
        private Process? _process;
        private StreamWriter? _log;
        private bool _killed;

        public int Index => index;

        public string QueueId => queueId;

        public int? Pid { get; private set; }

        public bool Cancelled { get; private set; }

        public bool IsRunning => _process is { HasExited: false };

        public TrialHandle Handle => new(index, Pid?.ToString(CultureInfo.InvariantCulture) ?? queueId);

        public void Start()
        {
            Directory.CreateDirectory(directory);
            _log = new StreamWriter(Path.Combine(directory, TrialLog.FileName), append: false) { AutoFlush = true };
            var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in argv.Skip(1)) info.ArgumentList.Add(arg);
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Write($"cannot start {argv[0]}: {e.Message}");
                Cancelled = true;
                return;
            }
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            Pid = process.Id;
        }

        private void Write(string? line)
        {
            if (line is null || _log is not { } log) return;
            lock (log)
                if (_log is not null) log.WriteLine(line);
        }

        public TrialState State()
        {
            if (_process is null)
                return Cancelled ? new TrialState(Handle, TrialStatus.Failed, _killed ? "cancelled before it started" : $"could not start {argv[0]}") : new TrialState(Handle, TrialStatus.Pending);
            if (!_process.HasExited) return new TrialState(Handle, TrialStatus.Running);
            _process.WaitForExit(); // drains the output events
            if (_log is { } log)
                lock (log)
                {
                    log.Dispose();
                    _log = null;
                }
            int code = _process.ExitCode;
            return code == 0 ? new TrialState(Handle, TrialStatus.Finished)
                : new TrialState(Handle, TrialStatus.Failed, _killed ? "killed (cancelled)" : code > 128 ? $"killed by signal {code - 128}" : $"exit code {code}");
        }

        public void Kill()
        {
            _killed = true;
            if (_process is null) { Cancelled = true; return; }
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }
    }
}
