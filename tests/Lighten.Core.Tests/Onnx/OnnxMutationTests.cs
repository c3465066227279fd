using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.TestSupport;

namespace Lighten.Core.Tests.Onnx;

/// <summary>
/// Damaged models must give a <see cref="LightenException"/> (or import), never another exception.
/// The weights dominate a model file, so most mutations of it only change numbers; the structure is
/// also mutated alone, in a copy of the model whose weights all sit in an external data file.
/// </summary>
public sealed class OnnxMutationTests : IDisposable
{
    private readonly DirectoryInfo _folder = TestTemp.CreateSubdirectory("lighten-mutation-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("tiny_pose_resnet_64.onnx", 150, 250)]
    [InlineData("mobilenet_v2_w035_c10_96.onnx", 50, 150)]
    public void MutatedModelsImportOrFailWithALightenException(string model, int wholeFileMutations, int structureMutations)
    {
        var original = File.ReadAllBytes(OrtRunner.TestModel(model));
        var structureOnly = Path.Combine(_folder.FullName, model);
        OnnxExporter.Save(OnnxImporter.Load(original, model, null), structureOnly, new OnnxSaveOptions { ExternalDataThreshold = 0 });
        var structure = File.ReadAllBytes(structureOnly);

        var failures = new List<string>();
        var random = new Random(20240611);
        Mutate(original, wholeFileMutations, random, failures);
        Mutate(structure, structureMutations, random, failures);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
    }

    private void Mutate(byte[] source, int count, Random random, List<string> failures)
    {
        for (int i = 0; i < count; i++)
        {
            var (bytes, what) = Mutation(source, random);
            try
            {
                var graph = OnnxImporter.Load(bytes, "mutant.onnx", _folder.FullName);
                OnnxExporter.ToBytes(graph);
            }
            catch (LightenException)
            {
            }
            catch (Exception ex)
            {
                failures.Add($"{what}: {ex.GetType().Name}: {ex.Message}{Environment.NewLine}{ex.StackTrace}");
            }
        }
    }

    private static (byte[] Bytes, string What) Mutation(byte[] source, Random random)
    {
        int at = random.Next(source.Length);
        switch (random.Next(4))
        {
            case 0:
            {
                var bytes = (byte[])source.Clone();
                int flips = random.Next(1, 5);
                for (int k = 0; k < flips; k++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return (bytes, $"{flips} bit flips");
            }
            case 1:
                return (source[..at], $"truncated to {at} bytes");
            case 2:
            {
                var inserted = new byte[random.Next(1, 9)];
                random.NextBytes(inserted);
                return ([.. source[..at], .. inserted, .. source[at..]], $"{inserted.Length} bytes inserted at {at}");
            }
            default:
            {
                var bytes = (byte[])source.Clone();
                int length = Math.Min(random.Next(1, 17), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, length));
                return (bytes, $"{length} bytes overwritten at {at}");
            }
        }
    }
}
