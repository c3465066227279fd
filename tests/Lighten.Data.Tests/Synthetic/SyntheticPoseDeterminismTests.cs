using Lighten.Data.Synthetic;

namespace Lighten.Data.Tests.Synthetic;

/// <summary>The same seed gives the same bytes, whatever the number of workers; another seed gives other data.</summary>
public class SyntheticPoseDeterminismTests
{
    private static readonly SyntheticPoseOptions Options = new() { Count = 12, Seed = 42 };

    [Fact]
    public void Same_seed_gives_the_same_bytes()
    {
        using var temp = new TempFolder();
        SyntheticPose.Generate(temp.Combine("a"), Options with { MaxDegreeOfParallelism = 1 });
        SyntheticPose.Generate(temp.Combine("b"), Options with { MaxDegreeOfParallelism = 2 });

        var files = Files(temp.Combine("a"));
        Assert.Equal(Options.Count + 1, files.Count);
        Assert.Equal(files, Files(temp.Combine("b")));
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Combine("a"), file)), File.ReadAllBytes(Path.Combine(temp.Combine("b"), file)));
    }

    [Fact]
    public void Another_seed_gives_other_images_and_labels()
    {
        using var temp = new TempFolder();
        SyntheticPose.Generate(temp.Combine("a"), Options with { Count = 3 });
        SyntheticPose.Generate(temp.Combine("b"), Options with { Count = 3, Seed = 43 });

        Assert.NotEqual(File.ReadAllBytes(temp.Combine("a", "annotations.json")), File.ReadAllBytes(temp.Combine("b", "annotations.json")));
        foreach (var image in new[] { "000001.png", "000002.png", "000003.png" })
            Assert.NotEqual(File.ReadAllBytes(temp.Combine("a", "images", image)), File.ReadAllBytes(temp.Combine("b", "images", image)));
    }

    [Fact]
    public void Images_of_one_set_differ_from_each_other()
    {
        using var a = SampleRenderer.Render(Options, 0);
        using var b = SampleRenderer.Render(Options, 1);
        Assert.NotEqual(a.Label.Joints, b.Label.Joints);
        Assert.NotEqual(a.Image.Bytes, b.Image.Bytes);
    }

    private static List<string> Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToList();
}
