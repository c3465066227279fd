using Lighten.Core.Transforms.Factorize;

namespace Lighten.Core.Tests.Transforms.Factorize;

public class SelectHeavyLayersTests
{
    private static Graph Pose => CleanupModels.AtBatch1("tiny_pose_resnet_64.onnx");

    [Fact]
    public void LayersAreRankedByMacsAndTheDefaultThresholdSelectsTheHeavy()
    {
        var s = SelectHeavyLayers.Run(Pose);

        Assert.Equal(Pose.Nodes.Count(n => n.OpType is "Conv" or "ConvTranspose"), s.Ranked.Length);
        Assert.True(s.Ranked.Zip(s.Ranked.Skip(1)).All(p => p.First.Macs >= p.Second.Macs));
        Assert.All(s.Ranked, l => Assert.Equal(l.Macs / (double)s.TotalMacs, l.Share, 12));
        // The 16x16 ConvTranspose (33.9 %) and the stem Conv (19.5 %); the next is 8.5 %.
        Assert.Equal(["ConvTranspose", "Conv"], s.Selected.Select(l => l.OpType));
        Assert.All(s.Selected, l => Assert.Equal(SelectionReason.Threshold, l.SelectedBy));
        Assert.All(s.Ranked.Where(l => !l.IsSelected), l => Assert.True(l.Share < LayerSelectionOptions.DefaultThreshold));
    }

    [Fact]
    public void ThresholdIsAShareOfTheMacs()
    {
        Assert.Single(SelectHeavyLayers.Run(Pose, new() { Threshold = 0.3 }).Selected);
        Assert.Equal(Pose.Nodes.Count(n => n.OpType is "Conv" or "ConvTranspose"), SelectHeavyLayers.Run(Pose, new() { Threshold = 0 }).Selected.Length);
        Assert.Contains("between 0 and 1", Assert.Throws<OptionException>(() => SelectHeavyLayers.Run(Pose, new() { Threshold = 1.5 })).Message);
    }

    [Theory]
    [InlineData("ConvTranspose")]
    [InlineData("convtranspose")]
    public void AnOpTypeSelectsEveryLayerOfIt(string entry)
    {
        var s = SelectHeavyLayers.Run(Pose, new() { Layers = [entry] });
        Assert.Equal(3, s.Selected.Length);
        Assert.All(s.Selected, l => Assert.Equal(("ConvTranspose", SelectionReason.OpType), (l.OpType, l.SelectedBy)));
    }

    [Fact]
    public void NamesSelectThoseLayersAndAThresholdFiltersThem()
    {
        var names = SelectHeavyLayers.Run(Pose, new() { Layers = ["ConvTranspose"] }).SelectedNames;
        var s = SelectHeavyLayers.Run(Pose, new() { Layers = [names[2], names[0]] });
        Assert.Equal([names[0], names[2]], s.SelectedNames.ToArray());
        Assert.All(s.Selected, l => Assert.Equal(SelectionReason.Name, l.SelectedBy));

        Assert.Equal([names[0]], SelectHeavyLayers.Run(Pose, new() { Layers = ["ConvTranspose"], Threshold = 0.3 }).SelectedNames.ToArray());
    }

    [Fact]
    public void UnknownNamesAndOtherOpsAreRefused()
    {
        var e = Assert.Throws<OptionException>(() => SelectHeavyLayers.Run(Pose, new() { Layers = ["nosuch"] }));
        Assert.StartsWith("option 'layers' 'nosuch' is neither a node of the model nor Conv or ConvTranspose (heaviest layers: ", e.Message);
        var relu = Pose.Nodes.First(n => n.OpType == "Relu").Name;
        Assert.Contains("a Relu; only Conv and ConvTranspose", Assert.Throws<OptionException>(() => SelectHeavyLayers.Run(Pose, new() { Layers = [relu] })).Message);
    }
}
