using Lighten.TestSupport;

namespace Lighten.Training.Tests.Trainer;

/// <summary>One tiny generated ImageFolder shared by a test class.</summary>
public sealed class TinyImageFolderFixture : IDisposable
{
    public string Root { get; } = TinyImageFolder.Create(TestTemp.CreateSubdirectory("lighten-tiny-folder-").FullName);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
