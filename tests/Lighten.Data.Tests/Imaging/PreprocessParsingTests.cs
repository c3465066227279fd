using Lighten.Core;
using Lighten.Data.Imaging;

namespace Lighten.Data.Tests.Imaging;

public sealed class PreprocessParsingTests
{
    [Fact]
    public void Flags_build_the_spec()
    {
        var spec = Preprocess.FromOptions("224x160", "letterbox", true, "0.5", "0.485,0.456,0.406", "0.229, 0.224, 0.225");
        Assert.Equal(224, spec.Width);
        Assert.Equal(160, spec.Height);
        Assert.Equal(ResizeMode.Letterbox, spec.Resize);
        Assert.True(spec.Bgr);
        Assert.Equal(0.5f, spec.Scale);
        Assert.Equal([0.485f, 0.456f, 0.406f], spec.Mean);
        Assert.Equal([0.229f, 0.224f, 0.225f], spec.Std);
    }

    [Fact]
    public void Missing_flags_take_the_defaults()
    {
        var spec = Preprocess.FromOptions("96", null, false, null, null, null);
        Assert.Equal(new Preprocess(96, 96), spec);
        Assert.Equal(1 / 255f, spec.Scale);
        Assert.Equal([0f, 0f, 0f], spec.Mean);
        Assert.Equal([1f, 1f, 1f], spec.Std);
        Assert.Equal(ResizeMode.Stretch, spec.Resize);
    }

    [Fact]
    public void Scale_accepts_a_fraction_and_mean_a_single_value()
    {
        var spec = Preprocess.FromOptions("8", "CROP", false, "1/255", "0.5", null);
        Assert.Equal(1 / 255f, spec.Scale);
        Assert.Equal([0.5f, 0.5f, 0.5f], spec.Mean);
        Assert.Equal(ResizeMode.Crop, spec.Resize);
    }

    [Theory]
    [InlineData("224x", null, null, null, null, "--size")]
    [InlineData("0", null, null, null, null, "--size")]
    [InlineData("-3", null, null, null, null, "--size")]
    [InlineData("abc", null, null, null, null, "--size")]
    [InlineData("32", "squash", null, null, null, "--resize")]
    [InlineData("32", null, "zero", null, null, "--scale")]
    [InlineData("32", null, "-1", null, null, "--scale")]
    [InlineData("32", null, "1/0", null, null, "--scale")]
    [InlineData("32", null, null, "0.1,0.2", null, "--mean")]
    [InlineData("32", null, null, "0.1,x,0.3", null, "--mean")]
    [InlineData("32", null, null, null, "1,0,1", "--std")]
    [InlineData("32", null, null, null, "1,NaN,1", "--std")]
    public void A_bad_flag_value_is_an_option_error_naming_the_flag(string? size, string? resize, string? scale, string? mean, string? std, string flag)
    {
        var e = Assert.Throws<OptionException>(() => Preprocess.FromOptions(size, resize, false, scale, mean, std));
        Assert.StartsWith(flag + ":", e.Message);
    }

    [Fact]
    public void Size_is_required_without_defaults()
    {
        var e = Assert.Throws<OptionException>(() => Preprocess.FromOptions(null, "crop", false, null, null, null));
        Assert.Contains("--size", e.Message);
    }

    [Fact]
    public void Options_override_the_given_defaults()
    {
        var defaults = new Preprocess(64, 48) { Mean = [1, 2, 3], Bgr = true };
        var spec = new PreprocessOptions(Std: "2").ToPreprocess(defaults);
        Assert.Equal(defaults with { Std = [2, 2, 2] }, spec);
        Assert.True(new PreprocessOptions().IsEmpty);
        Assert.Equal(defaults, new PreprocessOptions().ToPreprocess(defaults));
    }

    [Fact]
    public void Yaml_reads_every_key()
    {
        var spec = Preprocess.FromYaml("""
            size: [224, 160]
            resize: crop
            bgr: true
            scale: 1/255
            mean: [0.485, 0.456, 0.406]
            std: 0.229,0.224,0.225
            """);
        Assert.Equal(new Preprocess(224, 160)
        {
            Resize = ResizeMode.Crop, Bgr = true, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f],
        }, spec);
    }

    [Fact]
    public void Yaml_may_nest_under_a_preprocess_key_and_round_trips()
    {
        var spec = new Preprocess(96, 64) { Resize = ResizeMode.Letterbox, Scale = 0.00392f, Mean = [0.1f, 0.2f, 0.3f], Std = [3, 2, 1] };
        Assert.Equal(spec, Preprocess.FromYaml(spec.ToYaml()));
        var nested = "preprocess:\n" + string.Join("\n", spec.ToYaml().Split('\n').Select(l => "  " + l));
        Assert.Equal(spec, Preprocess.FromYaml(nested));
    }

    [Theory]
    [InlineData("size: 12x\n", "key 'size'")]
    [InlineData("size: 12\nresize: wide\n", "key 'resize'")]
    [InlineData("size: 12\nbgr: maybe\n", "key 'bgr'")]
    [InlineData("size: 12\nscale: big\n", "key 'scale'")]
    [InlineData("size: 12\nmean: [1, 2]\n", "key 'mean'")]
    [InlineData("size: 12\nstd: [1, 2, 0]\n", "key 'std'")]
    [InlineData("size: 12\nstd: {a: 1}\n", "key 'std'")]
    [InlineData("size: 12\ncolour: red\n", "unknown key 'colour'")]
    [InlineData("resize: crop\n", "key 'size' is required")]
    [InlineData("size: [12\n", "malformed")]
    [InlineData("- 12\n", "mapping")]
    public void A_bad_yaml_value_names_the_key(string yaml, string expected)
    {
        var e = Assert.Throws<OptionException>(() => Preprocess.FromYaml(yaml));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_yaml_file_error_names_the_file()
    {
        var path = Path.Combine(TestImages.TempDir(), "pre.yaml");
        File.WriteAllText(path, "size: 32\nmean: 1,2\n");
        var e = Assert.Throws<OptionException>(() => Preprocess.FromYamlFile(path));
        Assert.Equal(path, e.File);
        Assert.Contains("key 'mean'", e.Describe());
        Assert.Equal(path + ".missing", Assert.Throws<OptionException>(() => Preprocess.FromYamlFile(path + ".missing")).File);
    }

    [Fact]
    public void Programmatic_values_are_checked()
    {
        Assert.Throws<ArgumentException>(() => new Preprocess(0, 4));
        Assert.Throws<ArgumentException>(() => new Preprocess(4, 4) { Std = [1, 1] });
        Assert.Throws<ArgumentException>(() => new Preprocess(4, 4) { Scale = float.NaN });
    }
}
