using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests.Contract;

/// <summary>
/// Every verb that reads a model, given a missing model, a folder, an empty file or a text file, prints one line naming the
/// file and exits 2 before looking at its other options; every verb given a malformed option value names the option.
/// Verbs that train get bad input only: nothing here trains.
/// </summary>
public class BadInputContractTests
{
    private const string Model = "{model}";
    private const string Out = "{out}";

    /// <summary>Each verb that reads a model, with {model} where the model goes and {out} for an output file.</summary>
    public static TheoryData<string> ModelVerbs => new()
    {
        "profile {model}",
        "optimize {model} -o {out}",
        "check {model} --target rpi4",
        "bench {model}",
        "eval {model} --data {out} --task classify",
        "quantize {model} -o {out}",
        "fp16 {model} -o {out}",
        "factorize {model} --bottleneck 8 -o {out}",
        "prune {model} --structured -o {out}",
        "swap-backbone {model} --epochs 0 -o {out}",
        "train --model {model} --task classify --data {out} -o {out}",
        "finetune {model} --task classify --data {out} -o {out}",
    };

    public enum BadFile { Missing, Folder, Empty, Text }

    public static TheoryData<string, BadFile> VerbsAndBadFiles()
    {
        var data = new TheoryData<string, BadFile>();
        foreach (var verb in ModelVerbs) foreach (var bad in Enum.GetValues<BadFile>()) data.Add(verb, bad);
        return data;
    }

    [Theory]
    [MemberData(nameof(VerbsAndBadFiles))]
    public void A_bad_model_file_is_one_line_naming_it(string verb, BadFile bad)
    {
        var dir = TempDir();
        var model = Path.Combine(dir, "model.onnx");
        switch (bad)
        {
            case BadFile.Folder: Directory.CreateDirectory(model); break;
            case BadFile.Empty: File.WriteAllBytes(model, []); break;
            case BadFile.Text: File.WriteAllText(model, "name,value\nthis is not a model\n"); break;
        }
        var result = Run(Args(verb, model, Path.Combine(dir, "out.onnx")));
        AssertOneLineError(result, model);
        Assert.Contains(bad switch { BadFile.Missing => "does not exist", BadFile.Folder => "folder", BadFile.Empty => "empty", _ => "text file" }, result.Error);
    }

    /// <summary>Each verb with one malformed option value and the option its error must name.</summary>
    public static TheoryData<string, string> MalformedValues => new()
    {
        { "profile {model} --top abc", "--top" },
        { "optimize {model} --input-shape input=1x3xax96 -o {out}", "--input-shape" },
        { "check {model} --target rpi4 --input-shape abc", "--input-shape" },
        { "bench {model} --runs abc", "--runs" },
        { "bench {model} --warmup-runs 1.5", "--warmup-runs" },
        { "eval {model} --data {out} --task classify --batch abc", "--batch" },
        { "quantize {model} --calib synthetic --count abc -o {out}", "--count" },
        { "fp16 {model} --runs abc -o {out}", "--runs" },
        { "factorize {model} --bottleneck abc -o {out}", "--bottleneck" },
        { "prune {model} --structured --ratio abc -o {out}", "--ratio" },
        { "swap-backbone {model} --runs abc -o {out}", "--runs" },
        { "train --model {model} --task classify --data {out} --epochs abc -o {out}", "--epochs" },
        { "finetune {model} --task classify --data {out} --warmup-epochs abc -o {out}", "--warmup-epochs" },
        { "zoo export resnet18 --seed abc -o {out}", "--seed" },
        { "zoo export resnet18 --input-shape 1x3x224 -o {out}", "--input-shape" },
        { "data synth-pose --out-dir {out} --count abc", "--count" },
    };

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public void A_malformed_option_value_is_one_line_naming_the_option(string verb, string option)
    {
        var dir = TempDir();
        AssertOneLineError(Run(Args(verb, DataFile("mobilenet_v2_w035_c10_96.onnx"), Path.Combine(dir, "out.onnx"))), option);
    }

    [Theory]
    [InlineData("profil", "did you mean 'profile'?")]
    [InlineData("zoo lst", "did you mean 'zoo list'?")]
    [InlineData("profile {model} --inptu-shape input=1x3x96x96", "did you mean --input-shape?")]
    [InlineData("bench {model} --warmpu-runs 1", "did you mean --warmup-runs?")]
    public void A_typo_gets_the_closest_spelling(string verb, string suggestion) =>
        AssertOneLineError(Run(Args(verb, DataFile("mobilenet_v2_w035_c10_96.onnx"), "")), suggestion);

    [Fact]
    public void A_model_is_checked_before_the_other_options() =>
        AssertOneLineError(Run("quantize", "/nonexistent/missing.onnx", "-o", Path.Combine(TempDir(), "q.onnx")), "/nonexistent/missing.onnx", "does not exist");

    [Theory]
    [InlineData("bench {model} --runs 1 --warmup 0 --json", "warning: --warmup is deprecated in bench; use --warmup-runs")]
    [InlineData("zoo export mobilenet_v3_small --input 1x3x64x64 --classes 10 -o {out} --json", "warning: --input is deprecated in zoo export; use --input-shape")]
    public void An_old_spelling_works_with_a_one_line_notice(string verb, string notice)
    {
        var result = Run(Args(verb, DataFile("mobilenet_v2_w035_c10_96.onnx"), Path.Combine(TempDir(), "out.onnx")));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal($"lighten: {notice}", result.Error.Trim());
        _ = Json(result);
    }

    private static string[] Args(string verb, string model, string output) =>
        [.. verb.Split(' ').Select(a => a.Replace(Model, model).Replace(Out, output))];
}
