using Lighten.Core.IO;
using Lighten.TestSupport;

namespace Lighten.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = TestTemp.CreateSubdirectory("lighten-atomic-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    [Fact]
    public void WritesAndReplacesAFileLeavingNoTemporaryFile()
    {
        var path = PathOf("out.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        AtomicFile.WriteAllBytes(path, [4, 5]);

        Assert.Equal([4, 5], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], _folder.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void WritesTextAsUtf8WithoutAByteOrderMark()
    {
        var path = PathOf("out.txt");
        AtomicFile.WriteAllText(path, "é");
        Assert.Equal([0xC3, 0xA9], File.ReadAllBytes(path));
    }

    [Fact]
    public void AFailingWriterLeavesThePreviousFileUntouched()
    {
        var path = PathOf("out.bin");
        File.WriteAllBytes(path, [9]);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([1, 2, 3]);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal([9], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], _folder.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void AnUnwritableDestinationIsNamed()
    {
        var path = Path.Combine(_folder.FullName, "missing", "out.bin");
        var ex = Assert.Throws<LightenException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Equal(path, ex.File);
        Assert.StartsWith(path + ": cannot write", ex.Describe());
    }
}
