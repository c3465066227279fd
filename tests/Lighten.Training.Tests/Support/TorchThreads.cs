using System.Runtime.CompilerServices;
using Lighten.Training.Native;
using TorchSharp;

namespace Lighten.Training.Tests.Support;

internal static class TorchThreads
{
    /// <summary>
    /// The tests' own cache folder, then the native engine's safe mode (when this CPU needs one) before libtorch loads, then one intra-op thread: xunit runs
    /// test classes in parallel on a 2-core machine, and libtorch's OpenMP workers spin when oversubscribed, which makes
    /// every op many times slower.
    /// </summary>
    [ModuleInitializer]
    internal static void OneThread()
    {
        Lighten.TestSupport.TestCache.Use();
        NativeEngine.Prepare();
        torch.set_num_threads(1);
    }
}
