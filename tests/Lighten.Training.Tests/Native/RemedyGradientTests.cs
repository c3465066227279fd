using Lighten.Core.Tests.Support;
using Lighten.TestSupport;
using Lighten.Training.Native;
using Xunit.Abstractions;

namespace Lighten.Training.Tests.Native;

/// <summary>
/// Forcing each remedy still trains correctly: one seeded training step of every model in tests/data, run in a child process
/// per remedy, gives the default kernels' parameter gradients within 1e-4 relative. Where the default kernels die on this
/// machine, PyTorch's own kernels (no-onednn, which share no code with oneDNN) are the reference instead.
/// </summary>
public class RemedyGradientTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new(OrtRunner.TestModelNames);

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_remedy_gives_the_default_kernels_gradients(string model)
    {
        var dir = TestTemp.CreateSubdirectory("lighten-gradients-").FullName;
        var runner = new ProbeRunner();
        var gradients = new Dictionary<string, IReadOnlyList<(string Name, float[] Values)>>();
        foreach (var remedy in NativeRemedy.All)
        {
            var file = Path.Combine(dir, remedy.Name + ".bin");
            var run = runner.Start(["gradients", "--remedy", remedy.Name, "--model", OrtRunner.TestModel(model), "--out", file, "--threads", "1"]);
            output.WriteLine($"{remedy.Name}: exit {run.ExitCode}{(run.Signal is int s ? $" (signal {ProbeVerdict.SignalName(s)})" : "")}");
            if (run.Signal is not null && remedy == NativeRemedy.Default) continue;
            Assert.True(run.ExitCode == 0, $"{remedy.Name}: exit code {run.ExitCode}: {run.LastError}");
            gradients[remedy.Name] = GradientFile.Read(file);
        }
        var referenceName = gradients.ContainsKey(NativeRemedy.Default.Name) ? NativeRemedy.Default.Name : NativeRemedy.NoOneDnn.Name;
        var reference = gradients[referenceName];
        Assert.NotEmpty(reference);
        foreach (var (name, actual) in gradients.Where(g => g.Key != referenceName))
        {
            Assert.Equal(reference.Select(g => g.Name), actual.Select(g => g.Name));
            double worst = reference.Zip(actual, (r, a) => Relative(r.Values, a.Values)).Max();
            double whole = Relative([.. reference.SelectMany(g => g.Values)], [.. actual.SelectMany(g => g.Values)]);
            output.WriteLine($"{name} vs {referenceName}: whole {whole:g3}, worst tensor {worst:g3}");
            Assert.InRange(whole, 0, 1e-4);
            Assert.InRange(worst, 0, 1e-4);
        }
    }

    private static double Relative(float[] expected, float[] actual)
    {
        double diff = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            diff += (expected[i] - (double)actual[i]) * (expected[i] - (double)actual[i]);
            norm += expected[i] * (double)expected[i];
        }
        return norm == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff / norm);
    }
}
