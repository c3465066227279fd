using Lighten.Runtime.Tests;

namespace Lighten.Cli.Tests;

public class BenchEvalBadInputTests
{
    private static void AssertOneLineError(CliRunner.Result result, params string[] mentions) =>
        CliRunner.AssertOneLineError(result, mentions);

    private static string Model => CliRunner.DataFile("tiny_pose_resnet_64.onnx");

    [Fact]
    public void Bench_missing_model() =>
        AssertOneLineError(CliRunner.Run("bench", Model, "/nonexistent/b.onnx"), "/nonexistent/b.onnx");

    [Fact]
    public void Bench_corrupt_model()
    {
        var path = Path.Combine(CliRunner.TempDir(), "corrupt.onnx");
        File.WriteAllBytes(path, [8, 7, 255, 255, 18, 99, 1, 2, 3]);
        AssertOneLineError(CliRunner.Run("bench", path), path);
    }

    [Theory]
    [InlineData("--runs", "0", "--runs")]
    [InlineData("--warmup-runs", "-1", "--warmup-runs")]
    [InlineData("--threads", "0", "--threads")]
    [InlineData("--runs", "many", "many")]
    public void Bench_bad_option(string option, string value, string mention) =>
        AssertOneLineError(CliRunner.Run("bench", Model, option, value), mention);

    [Fact]
    public void Eval_unknown_task() =>
        AssertOneLineError(CliRunner.Run("eval", Model, "--data", CliRunner.TempDir(), "--task", "detect"), "--task", "detect");

    [Fact]
    public void Eval_without_data() =>
        AssertOneLineError(CliRunner.Run("eval", Model, "--task", "pose"), "--data");

    [Fact]
    public void Eval_empty_dataset_folder()
    {
        var (_, model) = EvaluationFixtures.Colors();
        var empty = CliRunner.TempDir();
        AssertOneLineError(CliRunner.Run("eval", model, "--data", empty, "--task", "classify"), empty);
    }

    [Fact]
    public void Eval_input_shape_that_disagrees_with_the_preprocessing_names_both_shapes()
    {
        var (data, model) = EvaluationFixtures.Colors();
        AssertOneLineError(CliRunner.Run("eval", model, "--data", data, "--task", "classify", "--size", "224"),
            model, "batchx3x8x8", "Nx3x224x224");
    }

    [Fact]
    public void Eval_corrupt_image_names_the_file()
    {
        var (data, model) = EvaluationFixtures.Colors();
        var bad = Path.Combine(data, "a", "zz.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4e, 0x47, 0, 0]);
        AssertOneLineError(CliRunner.Run("eval", model, "--data", data, "--task", "classify"), bad);
    }

    [Fact]
    public void Eval_annotation_missing_a_field_names_the_file_and_annotation()
    {
        var (folder, annotations, model) = EvaluationFixtures.Blocks();
        File.WriteAllText(annotations, File.ReadAllText(annotations).Replace("\"bbox\":[6.4,6.4,51.2,51.2],", ""));
        AssertOneLineError(CliRunner.Run("eval", model, "--data", folder, "--task", "pose"), annotations, "annotation 1", "bbox");
    }

    [Fact]
    public void Eval_bad_preprocess_flag_is_named()
    {
        var (data, model) = EvaluationFixtures.Colors();
        AssertOneLineError(CliRunner.Run("eval", model, "--data", data, "--task", "classify", "--mean", "0.5,x"), "--mean");
    }
}
