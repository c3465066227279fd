using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>A module's parameters and buffers as bytes (TorchSharp's state format), to keep the best weights and restore them.</summary>
internal static class ModuleState
{
    public static byte[] Save(nn.Module module)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true)) module.save(writer);
        return memory.ToArray();
    }

    public static void Load(nn.Module module, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        module.load(reader);
    }
}
