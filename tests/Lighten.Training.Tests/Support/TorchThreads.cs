using System.Runtime.CompilerServices;
using TorchSharp;

namespace Lighten.Training.Tests.Support;

internal static class TorchThreads
{
    /// <summary>
    /// One intra-op thread: xunit runs test classes in parallel on a 2-core machine, and libtorch's
    /// OpenMP workers spin when oversubscribed, which makes every op many times slower.
    /// </summary>
    [ModuleInitializer]
    internal static void OneThread() => torch.set_num_threads(1);
}
