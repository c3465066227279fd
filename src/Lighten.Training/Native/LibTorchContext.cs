using System.Runtime.InteropServices;
using TorchSharp;

namespace Lighten.Training.Native;

/// <summary>
/// Switches of libtorch's global context that TorchSharp does not expose (<c>torch.backends.mkldnn.enabled</c> in
/// PyTorch), called through the C++ symbols libtorch_cpu exports: <c>at::globalContext()</c> returns the context and the
/// setters are its member functions, taking the context as their first argument.
/// </summary>
public static class LibTorchContext
{
    private delegate IntPtr GlobalContext();
    private delegate void SetFlag(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool value);
    private delegate byte GetFlag(IntPtr context);

    private static readonly Lazy<IntPtr> Library = new(Load);

    /// <summary>Turns oneDNN (MKLDNN) kernels on or off for every later op.</summary>
    public static void SetOneDnnEnabled(bool enabled) => Call<SetFlag>("_ZN2at7Context20setUserEnabledMkldnnEb")(Context(), enabled);

    /// <summary>Whether oneDNN kernels are enabled.</summary>
    public static bool OneDnnEnabled() => Call<GetFlag>("_ZNK2at7Context17userEnabledMkldnnEv")(Context()) != 0;

    /// <summary>Turns NNPACK convolutions on or off.</summary>
    public static void SetNnpackEnabled(bool enabled) => Call<SetFlag>("_ZN2at7Context20setUserEnabledNNPACKEb")(Context(), enabled);

    private static IntPtr Context() => Call<GlobalContext>("_ZN2at13globalContextEv")();

    private static T Call<T>(string symbol) where T : Delegate =>
        NativeLibrary.TryGetExport(Library.Value, symbol, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : throw new InvalidOperationException($"libtorch_cpu does not export {symbol}");

    private static IntPtr Load()
    {
        // Loading TorchSharp's own libraries first makes libtorch_cpu resolvable by the same paths TorchSharp used.
        torch.InitializeDeviceType(DeviceType.CPU);
        var dir = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory;
        foreach (var candidate in new[] { Path.Combine(dir, "runtimes", "linux-x64", "native", "libtorch_cpu.so"), Path.Combine(dir, "libtorch_cpu.so") })
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        if (NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, null, out var byName)) return byName;
        throw new InvalidOperationException($"libtorch_cpu.so not found beside {dir}");
    }
}
