using Lighten.TestSupport;

namespace Lighten.Training.Tests.Build;

/// <summary>The build step that lets TorchSharp load where the system libstdc++ is older than GCC 13's.</summary>
public class ElfVersionsTests
{
    private const string Version = "GLIBCXX_3.4.32";
    private static readonly string OutputCopy =
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void OutputCopyIsWeakExactlyWhenTheSystemLibStdCxxLacksTheVersion()
    {
        var libstdcxx = ElfVersions.FindLibStdCxx();
        Assert.NotNull(libstdcxx);
        var defined = ElfVersions.Defined(File.ReadAllBytes(libstdcxx));
        Assert.Contains("GLIBCXX_3.4", defined);
        var need = Assert.Single(ElfVersions.Needed(File.ReadAllBytes(OutputCopy)), n => n.Version == Version);
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal(!defined.Contains(Version), need.IsWeak);
    }

    [Fact]
    public void MarkWeakSetsOnlyThatFlagOnceAndKeepsTheTimestamp()
    {
        var dir = TestTemp.CreateSubdirectory("lighten-elf-");
        try
        {
            var path = Path.Combine(dir.FullName, "lib.so");
            File.Copy(OutputCopy, path);
            var need = ElfVersions.Needed(File.ReadAllBytes(path)).Single(n => n.Version == Version);
            using (var s = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                s.Position = need.FlagsOffset;
                s.Write([0, 0]);
            }
            var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, stamp);
            var before = File.ReadAllBytes(path);

            Assert.True(ElfVersions.MarkWeak(path, Version));
            Assert.False(ElfVersions.MarkWeak(path, Version));
            Assert.False(ElfVersions.MarkWeak(path, "NO_SUCH_VERSION"));

            var after = File.ReadAllBytes(path);
            var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
            Assert.Equal([need.FlagsOffset], changed.Select(i => (long)i));
            Assert.Equal(ElfVersions.VerFlgWeak, after[need.FlagsOffset]);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            var others = ElfVersions.Needed(after).Where(n => n.Version != Version);
            Assert.All(others, n => Assert.False(n.IsWeak));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void NonElfInputIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersions.Needed(new byte[100]));
        Assert.False(ElfVersions.IsX8664([0x7f, (byte)'E']));
    }
}
