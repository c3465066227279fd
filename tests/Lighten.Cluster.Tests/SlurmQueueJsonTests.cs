using Lighten.Pipeline.Trials.Slurm;

namespace Lighten.Cluster.Tests;

/// <summary>The parts of <c>squeue --json</c> reading that 22.05 cannot show: later versions' shapes, rare task strings.</summary>
public sealed class SlurmQueueJsonTests : ClusterTest
{
    [Theory]
    [InlineData("2-3%2", new[] { 2, 3 })]
    [InlineData("1,4-5,9%1", new[] { 1, 4, 5, 9 })]
    [InlineData("0-8:4", new[] { 0, 4, 8 })]
    [InlineData("7", new[] { 7 })]
    public void Task_strings_expand(string text, int[] expected) =>
        Assert.Equal(expected, SlurmQueueJson.ExpandTaskString(text));

    [Theory]
    [InlineData("3-1")]
    [InlineData("a-b")]
    [InlineData("0-4:0")]
    public void A_task_string_that_is_not_a_list_is_an_error(string text) =>
        Assert.Throws<SlurmException>(() => SlurmQueueJson.ExpandTaskString(text));

    [Fact]
    public void Later_versions_wrapped_numbers_and_state_lists_are_read()
    {
        const string json = """
            {"jobs": [
              {"job_id": 8, "array_job_id": {"set": true, "number": 7}, "array_task_id": {"set": true, "number": 0},
               "array_task_string": "", "job_state": ["OUT_OF_MEMORY"], "state_reason": "None", "exit_code": 0},
              {"job_id": 7, "array_job_id": {"set": true, "number": 7}, "array_task_id": {"set": false, "number": 0},
               "array_task_string": "1-2", "job_state": ["PENDING"], "state_reason": "Resources"},
              {"job_id": 9, "array_job_id": {"set": true, "number": 9}, "array_task_id": {"set": true, "number": 0},
               "job_state": ["RUNNING"]}
            ], "errors": []}
            """;

        var tasks = SlurmQueueJson.Tasks(json, "7");

        Assert.Equal([(0, SlurmPhase.Failed, "OUT_OF_MEMORY"), (1, SlurmPhase.Pending, null), (2, SlurmPhase.Pending, null)],
            tasks.Select(t => (t.TaskId, t.Phase, t.Reason)));
    }

    [Theory]
    [InlineData("PENDING", SlurmPhase.Pending)]
    [InlineData("CONFIGURING", SlurmPhase.Pending)]
    [InlineData("RUNNING", SlurmPhase.Running)]
    [InlineData("COMPLETING", SlurmPhase.Running)]
    [InlineData("COMPLETED", SlurmPhase.Finished)]
    [InlineData("NODE_FAIL", SlurmPhase.Failed)]
    [InlineData("PREEMPTED", SlurmPhase.Failed)]
    [InlineData("BOOT_FAIL", SlurmPhase.Failed)]
    [InlineData("DEADLINE", SlurmPhase.Failed)]
    public void States_map_to_phases(string state, SlurmPhase phase) => Assert.Equal(phase, SlurmQueueJson.Phase(state));

    [Fact]
    public void An_unknown_state_fails_the_task_naming_it()
    {
        const string json = """{"jobs": [{"job_id": 3, "array_job_id": 3, "array_task_id": 0, "job_state": "WEIRD"}], "errors": []}""";

        var task = Assert.Single(SlurmQueueJson.Tasks(json, "3"));

        Assert.Equal((SlurmPhase.Failed, "WEIRD (a Slurm job state Lighten does not know)"), (task.Phase, task.Reason));
    }

    [Fact]
    public void Output_that_is_not_squeue_json_is_an_error() =>
        Assert.Contains("printed no JSON", Assert.Throws<SlurmException>(() => SlurmQueueJson.Tasks("squeue: error", "1")).Message);
}
