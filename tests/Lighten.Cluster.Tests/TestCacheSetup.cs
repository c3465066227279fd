using System.Runtime.CompilerServices;

namespace Lighten.Cluster.Tests;

internal static class TestCacheSetup
{
    /// <summary>Every test of this assembly, and every job it submits (sbatch passes the environment on), uses the tests' own cache folder.</summary>
    [ModuleInitializer]
    internal static void UseTestCache() => Lighten.TestSupport.TestCache.Use();
}
