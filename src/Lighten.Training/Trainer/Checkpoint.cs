using System.Text.Json;
using Lighten.Core;
using Lighten.Core.IO;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>
/// The checkpoint of a run, one file written atomically after every epoch: the bookkeeping as JSON, the module's
/// state (parameters, BatchNormalization statistics, masks), the optimizer's state (momentum or Adam moments), and
/// the best weights so far. The data order, augmentation and dropout derive from the seed and the epoch, so these
/// are all a resumed run needs to continue exactly as the uninterrupted one.
/// </summary>
internal static class Checkpoint
{
    public const string FileName = "checkpoint.lighten";

    private const string Magic = "lighten-checkpoint/1";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Save(string directory, CheckpointState state, nn.Module module, OptimizerHelper optimizer, byte[] bestWeights)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(PathIn(directory), stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(state));
            var weights = ModuleState.Save(module);
            writer.Write(weights.Length);
            writer.Write(weights);
            optimizer.save_state_dict(writer);
            writer.Write(bestWeights.Length);
            writer.Write(bestWeights);
        });
    }

    /// <summary>Loads the checkpoint into <paramref name="module"/> and <paramref name="optimizer"/>; null when the folder holds none.</summary>
    /// <exception cref="LightenException">The file is not a checkpoint, is damaged, or was written for a different run (the difference is named).</exception>
    public static (CheckpointState State, byte[] BestWeights)? Load(string directory, SortedDictionary<string, string> run,
        nn.Module module, OptimizerHelper optimizer)
    {
        var path = PathIn(directory);
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), System.Text.Encoding.UTF8);
            if (reader.ReadString() != Magic) throw new LightenException("not a Lighten training checkpoint", path);
            var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadString())
                ?? throw new LightenException("the checkpoint holds no state", path);
            var differs = run.Keys.Union(state.Run.Keys).FirstOrDefault(k => run.GetValueOrDefault(k) != state.Run.GetValueOrDefault(k));
            if (differs is not null)
                throw new OptionException($"the checkpoint in '{directory}' was written for a different run ({differs}: " +
                    $"{state.Run.GetValueOrDefault(differs) ?? "none"} there, {run.GetValueOrDefault(differs) ?? "none"} now); resume with the same options or use another folder");
            ModuleState.Load(module, reader.ReadBytes(reader.ReadInt32()));
            optimizer.load_state_dict(reader);
            var best = reader.ReadBytes(reader.ReadInt32());
            return (state, best);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or JsonException or InvalidDataException or ArgumentException)
        {
            throw new LightenException($"cannot read the checkpoint: {e.Message}", path, inner: e);
        }
    }
}
