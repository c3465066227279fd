using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Factorize;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Stages;
using Lighten.Training.Tests.Trainer;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>G2's layer choice: the pipeline's list when given, else every ConvTranspose when the model has any, else by MAC share.</summary>
public class FactorizeStepTests
{
    private const string Minimal = """
        model:
          zoo: resnet18
        task: classify
        data:
          dir: data
          preprocess:
            size: 32x32
        """;

    private static FactorizeStepSettings G2(string yaml = "") =>
        PipelineFile.Parse(Minimal + (yaml.Length > 0 ? "\nsteps:\n  g2:\n" + yaml : ""), "/base").Steps.G2!;

    private static Dictionary<string, long[]> Shapes(Lighten.Core.Graph g, int size) => new() { [g.Inputs[0].Name] = [1, 3, size, size] };

    [Fact]
    public void Without_layers_a_classifier_is_factorized_by_mac_share()
    {
        var settings = G2();
        Assert.Null(settings.Layers);
        var classifier = TinyNet.Classifier(3, 32, seed: 1);
        Assert.DoesNotContain(classifier.Nodes, n => n.OpType == "ConvTranspose");

        var (layers, rule) = FactorizeStep.ChooseLayers(settings, classifier);
        Assert.Empty(layers);
        Assert.Equal("selected by MAC share ≥ 10%: no ConvTranspose in the model", rule);
        var selection = SelectHeavyLayers.Run(classifier, new LayerSelectionOptions { Layers = layers, Threshold = settings.Threshold, InputShapes = Shapes(classifier, 32) });
        Assert.NotEmpty(selection.Selected);
        Assert.All(selection.Selected, l => Assert.True(l.Share >= LayerSelectionOptions.DefaultThreshold && l.SelectedBy == SelectionReason.Threshold));

        var (_, ownThreshold) = FactorizeStep.ChooseLayers(G2("    threshold: 0.25\n"), classifier);
        Assert.Equal("selected by MAC share ≥ 25%", ownThreshold);
    }

    [Fact]
    public void Without_layers_a_model_with_convtranspose_factorizes_every_convtranspose()
    {
        var pose = OnnxImporter.Load(Path.Combine(AppContext.BaseDirectory, "data", "tiny_pose_resnet_64.onnx"));
        var (layers, rule) = FactorizeStep.ChooseLayers(G2(), pose);
        Assert.Equal(["ConvTranspose"], layers);
        Assert.StartsWith("selected by default: every ConvTranspose (", rule);
        var selection = SelectHeavyLayers.Run(pose, new LayerSelectionOptions { Layers = layers, InputShapes = Shapes(pose, 64) });
        Assert.Equal(pose.Nodes.Count(n => n.OpType == "ConvTranspose"), selection.Selected.Length);
        Assert.All(selection.Selected, l => Assert.Equal("ConvTranspose", l.OpType));
    }

    [Fact]
    public void Layers_named_by_the_pipeline_are_kept_even_on_a_classifier()
    {
        var classifier = TinyNet.Classifier(3, 32, seed: 1);
        var named = G2("    layers: [ConvTranspose]\n");
        Assert.Equal(["ConvTranspose"], named.Layers);
        var (layers, rule) = FactorizeStep.ChooseLayers(named, classifier);
        Assert.Equal(["ConvTranspose"], layers);
        Assert.Equal("named by steps.g2.layers: ConvTranspose", rule);

        var byShare = G2("    layers: []\n    threshold: 0.05\n");
        Assert.Equal([], byShare.Layers);
        Assert.Equal("selected by MAC share ≥ 5%", FactorizeStep.ChooseLayers(byShare, classifier).Rule);
        Assert.Equal([], G2("    threshold: 0.05\n").Layers);
    }
}
