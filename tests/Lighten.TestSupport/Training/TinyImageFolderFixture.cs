namespace Lighten.Training.Tests.Trainer;

/// <summary>One tiny generated ImageFolder shared by a test class.</summary>
public sealed class TinyImageFolderFixture : IDisposable
{
    public string Root { get; } = TinyImageFolder.Create(Directory.CreateTempSubdirectory("lighten-tiny-folder-").FullName);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
