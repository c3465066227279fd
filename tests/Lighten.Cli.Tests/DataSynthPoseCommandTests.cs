using System.Text.Json;

namespace Lighten.Cli.Tests;

public class DataSynthPoseCommandTests
{
    [Fact]
    public void Writes_images_and_annotations()
    {
        var dir = Path.Combine(CliRunner.TempDir(), "synth");

        var result = CliRunner.Run("data", "synth-pose", "--out-dir", dir, "--count", "4", "--size", "64", "--seed", "3");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("wrote 4 images of 64x64", result.Out);
        Assert.Equal(["000001.png", "000002.png", "000003.png", "000004.png"], Directory.GetFiles(Path.Combine(dir, "images")).Select(Path.GetFileName).Order());
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "annotations.json")));
        Assert.Equal(4, doc.RootElement.GetProperty("annotations").GetArrayLength());
        Assert.Equal(16, doc.RootElement.GetProperty("categories")[0].GetProperty("keypoints").GetArrayLength());
    }

    [Fact]
    public void Json_summary_and_same_seed_same_files()
    {
        var root = CliRunner.TempDir();
        var a = CliRunner.Run("data", "synth-pose", "--out-dir", Path.Combine(root, "a"), "--count", "3", "--size", "64", "--seed", "8", "--json");
        var b = CliRunner.Run("data", "synth-pose", "--out-dir", Path.Combine(root, "b"), "--count", "3", "--size", "64", "--seed", "8", "--json");

        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.Error + b.Error);
        using var summary = JsonDocument.Parse(a.Out);
        Assert.Equal(3, summary.RootElement.GetProperty("images").GetInt32());
        var joints = summary.RootElement.GetProperty("joints");
        Assert.Equal(3 * 16, joints.GetProperty("visible").GetInt32() + joints.GetProperty("occluded").GetInt32() + joints.GetProperty("outside").GetInt32());
        foreach (var file in new[] { "annotations.json", "images/000001.png", "images/000003.png" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, "a", file)), File.ReadAllBytes(Path.Combine(root, "b", file)));
    }

    [Theory]
    [InlineData("count", "--count", "0")]
    [InlineData("size", "--size", "8")]
    [InlineData("abc", "--seed", "abc")]
    public void Bad_numbers_give_one_line_and_exit_2(string mentioned, string option, string value)
    {
        var dir = Path.Combine(CliRunner.TempDir(), "synth");
        var result = CliRunner.Run("data", "synth-pose", "--out-dir", dir, option, value);
        CliRunner.AssertOneLineError(result, mentioned);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Missing_out_gives_one_line_and_exit_2() =>
        CliRunner.AssertOneLineError(CliRunner.Run("data", "synth-pose", "--count", "2"), "--out-dir");

    [Fact]
    public void A_foreign_non_empty_folder_needs_force()
    {
        var dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");

        CliRunner.AssertOneLineError(CliRunner.Run("data", "synth-pose", "--out-dir", dir, "--count", "2", "--size", "64"), dir, "--force");
        var forced = CliRunner.Run("data", "synth-pose", "--out-dir", dir, "--count", "2", "--size", "64", "--force");

        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "keep.txt")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "images")).Length);
    }
}
