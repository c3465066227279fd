using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests;

public class BadInputTests
{
    private static string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(CliRunner.TempDir(), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Missing_file() =>
        AssertOneLineError(CliRunner.Run("profile", "/nonexistent/model.onnx"), "/nonexistent/model.onnx");

    [Fact]
    public void Empty_file()
    {
        var path = WriteFile("empty.onnx", []);
        AssertOneLineError(CliRunner.Run("profile", path), path);
    }

    [Fact]
    public void Random_bytes()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var path = WriteFile("random.onnx", bytes);
        AssertOneLineError(CliRunner.Run("profile", path), path);
    }

    [Fact]
    public void Truncated_file()
    {
        var bytes = File.ReadAllBytes(CliRunner.DataFile("tiny_pose_resnet_64.onnx"));
        var path = WriteFile("truncated.onnx", bytes[..(bytes.Length / 2)]);
        AssertOneLineError(CliRunner.Run("profile", path), path);
    }

    [Theory]
    [InlineData("input")]
    [InlineData("input=1x3xax96")]
    [InlineData("=1x3x96x96")]
    [InlineData("input=1x3x0x96")]
    [InlineData("nosuch=1x3x96x96")]
    [InlineData("input=1x3x96")]
    public void Unparsable_input_shape(string spec) =>
        AssertOneLineError(CliRunner.Run("profile", CliRunner.DataFile("mobilenet_v2_w035_c10_96.onnx"), "--input-shape", spec));

    [Fact]
    public void Unknown_option_is_bad_input() =>
        AssertOneLineError(CliRunner.Run("profile", CliRunner.DataFile("mobilenet_v2_w035_c10_96.onnx"), "--frobnicate"));

    [Fact]
    public void Dangling_input_names_the_node()
    {
        var path = Path.Combine(CliRunner.TempDir(), "dangling.onnx");
        File.WriteAllBytes(path, BrokenModels.Dangling());
        AssertOneLineError(CliRunner.Run("profile", path), path, "relu_b");
    }

    [Fact]
    public void Cycle_names_a_node()
    {
        var path = Path.Combine(CliRunner.TempDir(), "cycle.onnx");
        File.WriteAllBytes(path, BrokenModels.Cycle());
        AssertOneLineError(CliRunner.Run("profile", path), path, "cycle");
    }

    [Theory]
    [InlineData("../outside.bin")]
    [InlineData("/etc/passwd")]
    public void External_data_outside_the_model_folder_is_refused(string location)
    {
        var path = Path.Combine(CliRunner.TempDir(), "external.onnx");
        File.WriteAllBytes(path, BrokenModels.ExternalData(location));
        AssertOneLineError(CliRunner.Run("profile", path), path);
    }

    [Fact]
    public void Bad_input_writes_nothing()
    {
        var dir = CliRunner.TempDir();
        var input = Path.Combine(dir, "random.onnx");
        File.WriteAllBytes(input, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var output = Path.Combine(dir, "out.onnx");

        AssertOneLineError(CliRunner.Run("optimize", input, "-o", output), input);
        Assert.Equal([input], Directory.GetFiles(dir));
    }

    [Fact]
    public void Optimize_never_overwrites_its_input()
    {
        var dir = CliRunner.TempDir();
        var input = Path.Combine(dir, "pose.onnx");
        File.Copy(CliRunner.DataFile("tiny_pose_resnet_64.onnx"), input);
        var before = File.ReadAllBytes(input);

        AssertOneLineError(CliRunner.Run("optimize", input, "-o", Path.Combine(dir, ".", "pose.onnx")), "never overwritten");
        Assert.Equal(before, File.ReadAllBytes(input));
    }
}
