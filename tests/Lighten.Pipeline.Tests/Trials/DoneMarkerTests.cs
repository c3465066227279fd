using Lighten.Pipeline.Trials;
using Lighten.TestSupport;

namespace Lighten.Pipeline.Tests.Trials;

/// <summary>A trial's id is stable over its inputs' bytes and parameters; its done marker is valid only while result.json and the artifact are untouched.</summary>
public class DoneMarkerTests : IDisposable
{
    private readonly string _dir = TestTemp.CreateSubdirectory("lighten-marker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Id(string model, string ratio, int threads = 1)
    {
        var inputs = new[] { new TrialInput("model", model, Journal.RunJournal.Sha256Of(model)) };
        return TrialSpec.ComputeId("G5", TrialKinds.Prune, inputs, new Dictionary<string, string> { ["ratio"] = ratio, ["precision"] = "fp32" }, threads);
    }

    [Fact]
    public void The_same_inputs_and_parameters_give_the_same_id_and_one_changed_byte_or_parameter_another()
    {
        var model = Path.Combine(_dir, "model.onnx");
        var copy = Path.Combine(_dir, "copy.onnx");
        File.WriteAllBytes(model, [1, 2, 3, 4]);
        File.WriteAllBytes(copy, [1, 2, 3, 4]);
        var id = Id(model, "0.3");

        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Equal(id, Id(model, "0.3"));
        Assert.Equal(id, Id(copy, "0.3")); // the bytes count, not the path
        Assert.NotEqual(id, Id(model, "0.5"));
        Assert.NotEqual(id, Id(model, "0.3", threads: 2));
        File.WriteAllBytes(copy, [1, 2, 3, 5]);
        Assert.NotEqual(id, Id(copy, "0.3"));
    }

    private TrialResult Written(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), [7, 7, 7]);
        var result = new TrialResult { Id = "x", Index = 0, Label = "ratio 0.3", Artifact = "model.onnx", Macs = 12 };
        result.Save(folder);
        DoneMarker.Write(folder, result);
        return result;
    }

    [Fact]
    public void A_marker_is_valid_only_while_the_result_and_the_artifact_hold_the_bytes_it_names()
    {
        var folder = Path.Combine(_dir, "t");
        Assert.Null(DoneMarker.ValidResult(folder));
        Written(folder);
        Assert.Equal(12, DoneMarker.ValidResult(folder)!.Macs);

        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), [7, 7, 8]);
        Assert.False(DoneMarker.IsValid(folder));

        Written(folder);
        File.WriteAllText(Path.Combine(folder, TrialResult.FileName), File.ReadAllText(Path.Combine(folder, TrialResult.FileName)).Replace("12", "13"));
        Assert.False(DoneMarker.IsValid(folder));

        Written(folder);
        File.Delete(Path.Combine(folder, "model.onnx"));
        Assert.False(DoneMarker.IsValid(folder));

        Written(folder);
        File.WriteAllText(Path.Combine(folder, DoneMarker.FileName), "{ torn");
        Assert.False(DoneMarker.IsValid(folder));
    }

    [Fact]
    public void A_result_without_an_artifact_is_valid_with_a_marker_naming_none()
    {
        var folder = Path.Combine(_dir, "skipped");
        Directory.CreateDirectory(folder);
        var result = new TrialResult { Id = "x", Index = 1, Label = "mobilenet_v3_small", NotAppliedReason = "the target cannot run HardSwish" };
        result.Save(folder);
        DoneMarker.Write(folder, result);
        Assert.Equal("the target cannot run HardSwish", DoneMarker.ValidResult(folder)!.NotAppliedReason);
    }

    [Fact]
    public void A_spec_file_round_trips_and_a_bad_index_or_file_names_the_problem()
    {
        var path = Path.Combine(_dir, "trials.json");
        var spec = new TrialSpec
        {
            Id = "abc", Step = "G5", Kind = TrialKinds.Prune, Index = 0, Label = "ratio 0.3", OutputDirectory = _dir, Threads = 2,
            Resources = new TrialResources(2, 4096, TimeSpan.FromMinutes(90)), Argv = TrialCommand.Default.Argv(path, 0),
            Parameters = new SortedDictionary<string, string> { ["ratio"] = "0.3" },
        };
        new TrialSpecFile { Step = "G5", Trials = [spec] }.Save(path);
        var loaded = TrialSpecFile.Load(path).At(0);
        Assert.Equal(["lighten", "trial", "--spec", path, "--index", "0"], loaded.Argv);
        Assert.Equal(TimeSpan.FromMinutes(90), loaded.Resources.TimeLimit);
        Assert.Equal("0.3", loaded.Parameter("ratio"));
        Assert.Contains("outside", Assert.Throws<Core.OptionException>(() => TrialSpecFile.Load(path).At(1)).Message);
        File.WriteAllText(path, "not json");
        Assert.Equal(path, Assert.Throws<Core.LightenException>(() => TrialSpecFile.Load(path)).File);
    }
}
