using System.Text.Json;
using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests.Contract;

/// <summary>
/// The <c>--json</c> output of every verb that produces a result parses as one JSON document and matches its schema in
/// <c>Schemas/VERB.schema.json</c>, so a renamed or dropped field breaks a test, not a user's script (train and finetune
/// on a tiny model for one epoch; run and demo in PipelineCommandTests).
/// </summary>
public class JsonContractTests
{
    private const string MobileNet = "mobilenet_v2_w035_c10_96.onnx";
    private const string Pose = "tiny_pose_resnet_64.onnx";

    /// <summary>The schema's name and the command line; {dir} is a fresh folder, {data} a small synthetic pose set.</summary>
    private static readonly (string Schema, string Command)[] Commands =
    [
        ("profile", $"profile {{m:{MobileNet}}} --top 2"),
        ("optimize", $"optimize {{m:{MobileNet}}} -o {{dir}}/o.onnx"),
        ("check", $"check {{m:{Pose}}} --target rpi4"),
        ("bench", $"bench {{m:{MobileNet}}} --runs 2 --warmup-runs 0 --threads 1"),
        ("targets", "targets"),
        ("zoo-list", "zoo list"),
        ("zoo-export", "zoo export mobilenet_v3_small --input-shape 1x3x64x64 --classes 10 -o {dir}/z.onnx"),
        ("doctor", "doctor"),
        ("data-synth-pose", "data synth-pose -O {dir}/synth --count 2 --size 64"),
        ("fp16", $"fp16 {{m:{MobileNet}}} --target rpi4 -o {{dir}}/f.onnx"),
        ("quantize", $"quantize {{m:{MobileNet}}} --calib synthetic --count 2 --no-measure --threads 1 -o {{dir}}/q.onnx"),
        ("factorize", $"factorize {{m:{Pose}}} --bottleneck 8 -o {{dir}}/fz.onnx"),
        ("prune", $"prune {{m:{MobileNet}}} --structured -o {{dir}}/p.onnx"),
        ("eval", $"eval {{m:{Pose}}} --data {{data}} --task pose --threads 1"),
        ("train", $"train --model {{m:{Pose}}} --task pose --data {{posedata}} --epochs 1 --batch 2 --threads 1 -o {{dir}}/t.onnx"),
        ("train", $"finetune {{m:{Pose}}} --task pose --data {{posedata}} --epochs 1 --batch 2 --threads 1 -o {{dir}}/ft.onnx"),
        ("swap-backbone", $"swap-backbone {{m:{Pose}}} --epochs 0 --candidates mobilenet_v3_small --runs 1 --warmup-runs 0 --threads 1 -o {{dir}}/sb.onnx"),
    ];

    public static TheoryData<string, string> Verbs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (schema, command) in Commands) data.Add(schema, command);
        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Json_output_matches_its_schema(string schema, string command)
    {
        var dir = TempDir();
        var args = command.Split(' ').Select(a => Expand(a, dir)).Append("--json").ToArray();
        AssertMatches(Json(Run(args)), schema, command);
    }

    /// <summary>Asserts that <paramref name="output"/> matches <c>Schemas/<paramref name="schema"/>.schema.json</c>.</summary>
    internal static void AssertMatches(JsonElement output, string schema, string command)
    {
        using var schemaDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoFiles.Tests, "Schemas", schema + ".schema.json")));
        var errors = JsonSchemaCheck.Check(output, schemaDocument.RootElement);
        Assert.True(errors.Count == 0, $"{command} --json does not match Schemas/{schema}.schema.json:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void Every_schema_is_checked()
    {
        // run.schema.json (report.json) is checked by PipelineCommandTests on `lighten run --json` and `lighten demo --json`.
        var tested = Commands.Select(c => c.Schema).Append("run").ToHashSet();
        var files = Directory.GetFiles(Path.Combine(RepoFiles.Tests, "Schemas"), "*.schema.json").Select(f => Path.GetFileName(f)[..^".schema.json".Length]);
        Assert.DoesNotContain(files, f => !tested.Contains(f));
    }

    private static string Expand(string arg, string dir)
    {
        if (arg.StartsWith("{m:", StringComparison.Ordinal)) return DataFile(arg[3..^1]);
        if (arg == "{data}") return Path.Combine(PoseFolder.Value, "train");
        if (arg == "{posedata}") return PoseFolder.Value;
        return arg.Replace("{dir}", dir);
    }

    /// <summary>A training folder: train/ and val/ of four synthetic 64×64 images each ({data} is its train/ alone).</summary>
    private static readonly Lazy<string> PoseFolder = new(() =>
    {
        var dir = Path.Combine(TempDir(), "pose");
        foreach (var (part, seed) in new[] { ("train", "1"), ("val", "2") })
        {
            var result = Run("data", "synth-pose", "-O", Path.Combine(dir, part), "--count", "4", "--size", "64", "--seed", seed);
            Assert.True(result.ExitCode == 0, result.Error);
        }
        return dir;
    });
}
