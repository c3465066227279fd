using Lighten.Data.Classification;

namespace Lighten.Data.Tests.Classification;

public sealed class ImageFolderDatasetTests
{
    // Listing does not decode, so empty files stand in for images.
    private static string Make(params (string Folder, int Count)[] folders)
    {
        var root = TestImages.TempDir();
        foreach (var (folder, count) in folders)
        {
            var dir = Path.Combine(root, folder);
            Directory.CreateDirectory(dir);
            for (int i = 0; i < count; i++) File.WriteAllBytes(Path.Combine(dir, $"img{i:D2}.png"), []);
        }
        return root;
    }

    [Fact]
    public void Classes_are_indexed_in_sorted_folder_order()
    {
        var root = Make(("zebra", 2), ("cat", 2), ("dog", 2));
        File.WriteAllText(Path.Combine(root, "cat", "notes.txt"), "ignored");
        var data = ImageFolderDataset.Load(root, validationFraction: 0);
        Assert.Equal(["cat", "dog", "zebra"], data.Classes);
        Assert.Equal(6, data.Train.Count);
        Assert.Empty(data.Validation);
        Assert.All(data.Train, s => Assert.Equal(data.Classes[s.Label], Path.GetFileName(Path.GetDirectoryName(s.Path))));
    }

    [Fact]
    public void Seeded_split_is_deterministic_stratified_and_disjoint()
    {
        var root = Make(("a", 8), ("b", 8));
        var first = ImageFolderDataset.Load(root, 0.25, seed: 7);
        var again = ImageFolderDataset.Load(root, 0.25, seed: 7);
        Assert.Equal(first.Validation, again.Validation);
        Assert.Equal(first.Train, again.Train);

        // round(0.25 x 8) = 2 per class.
        Assert.Equal(2, first.Validation.Count(s => s.Label == 0));
        Assert.Equal(2, first.Validation.Count(s => s.Label == 1));
        Assert.Equal(12, first.Train.Count);
        Assert.Empty(first.Train.Select(s => s.Path).Intersect(first.Validation.Select(s => s.Path)));

        var seeds = Enumerable.Range(0, 5).Select(seed => string.Join(",", ImageFolderDataset.Load(root, 0.25, seed).Validation.Select(s => s.Path)));
        Assert.True(seeds.Distinct().Count() > 1, "different seeds should give different splits");
    }

    [Fact]
    public void Train_and_val_folders_are_used_as_given()
    {
        var root = Make(("train/b", 3), ("train/a", 2), ("val/a", 1));
        var data = ImageFolderDataset.Load(root, validationFraction: 0.5);
        Assert.Equal(["a", "b"], data.Classes);
        Assert.Equal(5, data.Train.Count);
        Assert.Equal(new ImageSample(Path.Combine(root, "val", "a", "img00.png"), 0), Assert.Single(data.Validation));
    }

    [Fact]
    public void An_empty_dataset_names_the_folder()
    {
        var root = Make(("a", 0), ("b", 0));
        var e = Assert.Throws<DataException>(() => ImageFolderDataset.Load(root));
        Assert.Equal(root, e.File);
        Assert.Contains("no images", e.Message);

        var bare = TestImages.TempDir();
        Assert.Equal(bare, Assert.Throws<DataException>(() => ImageFolderDataset.Load(bare)).File);
        var missing = Path.Combine(bare, "nope");
        Assert.Equal(missing, Assert.Throws<DataException>(() => ImageFolderDataset.Load(missing)).File);
    }

    [Fact]
    public void Inconsistent_layouts_are_data_errors()
    {
        var onlyTrain = Make(("train/a", 1));
        Assert.Contains("not val/", Assert.Throws<DataException>(() => ImageFolderDataset.Load(onlyTrain)).Message);
        var unknown = Make(("train/a", 1), ("val/b", 1));
        Assert.Contains("'b'", Assert.Throws<DataException>(() => ImageFolderDataset.Load(unknown)).Message);
    }
}
