using System.Globalization;
using System.Text.Json;

namespace Lighten.Pipeline.Trials.Slurm;

/// <summary>
/// Reads <c>squeue --json</c>. Slurm 22.05 (Debian 12) writes numbers and strings plainly and ignores <c>--jobs</c> with
/// <c>--json</c>, so the array's tasks are picked here; a pending rest of an array comes as one record with
/// <c>array_task_id</c> null and <c>array_task_string</c> like <c>2-3%2</c>. Later versions wrap numbers in
/// <c>{"set": true, "number": N}</c> and write <c>job_state</c> as a list; both shapes are read.
/// </summary>
public static class SlurmQueueJson
{
    /// <summary>The tasks of array <paramref name="jobId"/> in <paramref name="json"/>, by task id.</summary>
    /// <exception cref="SlurmException">The text is not <c>squeue --json</c> output.</exception>
    public static IReadOnlyList<SlurmTask> Tasks(string json, string jobId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SlurmException($"`squeue --json` printed no JSON ({ex.Message}): {Excerpt(json)}", inner: ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("jobs", out var jobs) || jobs.ValueKind != JsonValueKind.Array)
                throw new SlurmException($"`squeue --json` printed no 'jobs' list: {Excerpt(json)}");
            // A controller that does not answer gives exit code 0, no jobs and an entry here.
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0)
                throw new SlurmException($"`squeue --json` reported {string.Join("; ", errors.EnumerateArray().Select(Error))} " +
                    "(is a Slurm controller answering? SLURM_CONF says which cluster is asked)");
            var id = long.Parse(jobId, CultureInfo.InvariantCulture);
            var tasks = new SortedDictionary<int, SlurmTask>();
            foreach (var job in jobs.EnumerateArray())
            {
                var arrayJob = Number(job, "array_job_id");
                var ownId = Number(job, "job_id");
                if (arrayJob != id && !(arrayJob is null or 0 && ownId == id)) continue;
                var state = State(job);
                var phase = Phase(state);
                var reason = phase == SlurmPhase.Failed ? FailureReason(job, state) : null;
                var taskIds = Number(job, "array_task_id") is long task ? [(int)task]
                    : arrayJob is null or 0 ? [0]
                    : ExpandTaskString(Text(job, "array_task_string") ?? "");
                foreach (var t in taskIds) tasks[t] = new SlurmTask(jobId, t, state, phase, reason);
            }
            return [.. tasks.Values];
        }
    }

    /// <summary>The indexes in an array's task string: <c>2-3%2</c>, <c>0,4,7-9</c>, <c>0-8:2</c>.</summary>
    /// <exception cref="SlurmException">The string is not a task list.</exception>
    public static IReadOnlyList<int> ExpandTaskString(string text)
    {
        var list = text.Split('%')[0];
        var indexes = new List<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var stepSplit = part.Split(':');
            var bounds = stepSplit[0].Split('-');
            if (stepSplit.Length > 2 || bounds.Length > 2
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first)
                throw new SlurmException($"`squeue --json` gave an array_task_string that is not a task list: '{text}'");
            var step = 1;
            if (stepSplit.Length == 2 && (!int.TryParse(stepSplit[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
                throw new SlurmException($"`squeue --json` gave an array_task_string with a bad step: '{text}'");
            for (var i = first; i <= last; i += step) indexes.Add(i);
        }
        return indexes;
    }

    /// <summary>The phase of a Slurm job state; a state this list does not know counts as failed, naming it.</summary>
    public static SlurmPhase Phase(string state) => state switch
    {
        "PENDING" or "CONFIGURING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESV_DEL_HOLD" or "SUSPENDED"
            or "STOPPED" or "RESIZING" or "POWER_UP_NODE" => SlurmPhase.Pending,
        "RUNNING" or "COMPLETING" or "STAGE_OUT" or "SIGNALING" => SlurmPhase.Running,
        "COMPLETED" => SlurmPhase.Finished,
        _ => SlurmPhase.Failed,
    };

    private static readonly HashSet<string> KnownFailures =
        ["FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "SPECIAL_EXIT", "REVOKED"];

    private static string FailureReason(JsonElement job, string state)
    {
        var parts = new List<string>();
        if (!KnownFailures.Contains(state)) parts.Add("a Slurm job state Lighten does not know");
        if (Text(job, "state_reason") is { Length: > 0 } reason && reason != "None") parts.Add(reason);
        // 22.05 gives the raw wait status: exit code in the high byte, signal in the low bits.
        if (Number(job, "exit_code") is long status and not 0)
            parts.Add((status & 0x7f) is > 0 and < 0x40 and var signal ? $"signal {signal}" : $"exit code {status >> 8}");
        return parts.Count == 0 ? state : $"{state} ({string.Join(", ", parts)})";
    }

    private static string State(JsonElement job)
    {
        if (!job.TryGetProperty("job_state", out var state))
            throw new SlurmException("`squeue --json` gave a job without 'job_state'");
        return state.ValueKind switch
        {
            JsonValueKind.String => state.GetString()!,
            JsonValueKind.Array when state.GetArrayLength() > 0 && state[0].ValueKind == JsonValueKind.String => state[0].GetString()!,
            _ => throw new SlurmException($"`squeue --json` gave a 'job_state' that is not a state: {state.GetRawText()}"),
        };
    }

    private static long? Number(JsonElement job, string name)
    {
        if (!job.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.TryGetProperty("set", out var set) && set.ValueKind == JsonValueKind.False) return null;
            if (!value.TryGetProperty("number", out value)) return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
    }

    private static string? Text(JsonElement job, string name) =>
        job.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Error(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object) return error.GetRawText();
        var words = new[] { "source", "description", "error" }.Select(k => Text(error, k)).Where(w => w is { Length: > 0 });
        return $"'{string.Join(": ", words)}'";
    }

    private static string Excerpt(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}
