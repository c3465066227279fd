using System.Runtime.CompilerServices;

namespace Lighten.Cli.Tests;

internal static class TestCacheSetup
{
    /// <summary>Every test of this assembly uses the tests' own cache folder, never the user's.</summary>
    [ModuleInitializer]
    internal static void UseTestCache() => Lighten.TestSupport.TestCache.Use();
}
