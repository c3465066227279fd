using System.Text.Json;
using Lighten.Core.Targets;
using Lighten.Training.Native;

namespace Lighten.Cli.Tests;

/// <summary>Tests that set process environment variables: they run alone, after the parallel tests.</summary>
[CollectionDefinition("environment", DisableParallelization = true)]
public sealed class EnvironmentCollection;

[Collection("environment")]
public class DoctorCommandTests
{
    [Fact]
    public void The_json_names_the_cpu_the_remedy_in_force_the_versions_and_the_cache_folder()
    {
        var json = CliRunner.Json(CliRunner.Run("doctor", "--json"));
        var cpu = json.GetProperty("cpu");
        Assert.Equal(CpuInspector.Inspect().Model, cpu.GetProperty("model").GetString());
        Assert.Equal(Environment.ProcessorCount, cpu.GetProperty("logicalCores").GetInt32());
        Assert.Equal(JsonValueKind.Array, cpu.GetProperty("caches").ValueKind);
        Assert.Equal(JsonValueKind.Array, cpu.GetProperty("features").ValueKind);
        if (new HardwareCpuId().Available) Assert.Equal(RecordedCpuId.RecordedLeaves.Count, cpu.GetProperty("cpuId").GetArrayLength());

        var engine = json.GetProperty("engine");
        var remedy = engine.GetProperty("remedy").GetString();
        Assert.Contains(engine.GetProperty("source").GetString(), new[] { "probed", "cached", "user" });
        var cacheFile = engine.GetProperty("cacheFile").GetString()!;
        Assert.Equal(new ProbeCache().Directory, Path.GetDirectoryName(cacheFile));
        using (var verdict = JsonDocument.Parse(File.ReadAllText(cacheFile)))
            Assert.Equal(verdict.RootElement.GetProperty("Remedy").GetString(), remedy);
        // The key leaves out the core that answered CPUID, so this process decides from the same verdict.
        var expected = NativeEngine.Decide(new ProbeCache(), new ProbeRunner());
        Assert.Equal(cacheFile, expected.CacheFile);
        Assert.Equal(expected.Remedy.Name, remedy);
        Assert.True(engine.GetProperty("candidates").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Null, engine.GetProperty("failure").ValueKind);
        Assert.True(json.GetProperty("healthy").GetBoolean());

        foreach (var version in json.GetProperty("versions").EnumerateObject())
            Assert.False(string.IsNullOrWhiteSpace(version.Value.GetString()), version.Name);
        Assert.Equal(Lighten.Core.IO.LightenCache.Directory, json.GetProperty("cacheFolder").GetString());
    }

    [Fact]
    public void The_text_names_the_remedy_and_the_runtimes()
    {
        var result = CliRunner.Run("doctor");
        Assert.True(result.ExitCode == 0, result.Error);
        var remedy = System.Text.RegularExpressions.Regex.Match(result.Out, @"^  remedy +(\S+): ", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(remedy.Success, result.Out);
        Assert.NotNull(NativeRemedy.Find(remedy.Groups[1].Value));
        Assert.Contains("ONNX Runtime", result.Out);
        Assert.Contains("TorchSharp", result.Out);
        Assert.Contains(CpuInspector.Inspect().Model, result.Out);
        Assert.Contains(Lighten.Core.IO.LightenCache.Directory, result.Out);
    }

    [Fact]
    public void A_forced_remedy_is_reported_as_forced()
    {
        var before = Environment.GetEnvironmentVariable(NativeRemedy.ForceVariable);
        try
        {
            Environment.SetEnvironmentVariable(NativeRemedy.ForceVariable, NativeRemedy.NoOneDnn.Name);
            var engine = CliRunner.Json(CliRunner.Run("doctor", "--json")).GetProperty("engine");
            Assert.Equal("no-onednn", engine.GetProperty("remedy").GetString());
            Assert.Equal("forced", engine.GetProperty("source").GetString());
            Assert.Equal(0, engine.GetProperty("candidates").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, engine.GetProperty("cacheFile").ValueKind);

            var text = CliRunner.Run("doctor");
            Assert.True(text.ExitCode == 0, text.Error);
            Assert.Contains("no-onednn", text.Out);
            Assert.Contains("forced", text.Out);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NativeRemedy.ForceVariable, before);
        }
    }

    [Fact]
    public void An_unknown_forced_remedy_still_reports_and_exits_with_the_native_engine_code()
    {
        var before = Environment.GetEnvironmentVariable(NativeRemedy.ForceVariable);
        try
        {
            Environment.SetEnvironmentVariable(NativeRemedy.ForceVariable, "no-such-remedy");
            var result = CliRunner.Run("doctor");
            Assert.Equal(NativeEngineException.ExitCode, result.ExitCode);
            Assert.Contains("ONNX Runtime", result.Out);
            Assert.Contains(CpuInspector.Inspect().Model, result.Out);
            var error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("lighten: error:", error);
            Assert.Contains("no-such-remedy", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NativeRemedy.ForceVariable, before);
        }
    }
}
