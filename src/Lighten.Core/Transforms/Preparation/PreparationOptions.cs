namespace Lighten.Core.Transforms.Preparation;

/// <summary>What <see cref="ModelPreparation"/> does to a model on the way in. Every step keeps the model's function.</summary>
public sealed record PreparationOptions
{
    /// <summary>Input shapes to fix, by input name (<c>--input-shape NAME=1x3x224x224</c>, or the pipeline's <c>preprocess.size</c>).</summary>
    public IReadOnlyDictionary<string, long[]> InputShapes { get; init; } = new Dictionary<string, long[]>();

    /// <summary>
    /// A symbolic batch given as 1 in <see cref="InputShapes"/> stays symbolic (the pipeline fixes only the height and
    /// width from <c>preprocess.size</c>); otherwise the given shapes are fixed as given, as <c>--input-shape</c> asks.
    /// </summary>
    public bool KeepSymbolicBatch { get; init; }

    /// <summary>
    /// What needs every input dimension but the batch fixed ("counting MACs", "timing on this host"), or null: a model
    /// whose height or width is still symbolic is then refused at once, naming the file, the input and the
    /// <c>--input-shape</c> that fixes it, rather than deep inside the command.
    /// </summary>
    public string? SizesNeededFor { get; init; }

    /// <summary>Upgrade a graph older than this default-domain opset (none: keep the opset).</summary>
    public int? MinimumOpset { get; init; }

    /// <summary>Fold constant subgraphs (weights given as <c>Constant</c> nodes become initializers) and remove Identity and inference Dropout.</summary>
    public bool Normalize { get; init; }

    /// <summary>Copy initializers that several nodes share (PyTorch's de-duplication) per consumer, for transforms that rewrite weights.</summary>
    public bool PrivatizeInitializers { get; init; }

    /// <summary>Fold BatchNormalization into the Conv before it (for transforms that change precision, not for training).</summary>
    public bool FoldBatchNorm { get; init; }

    /// <summary>Shapes only: for commands that analyse or measure a model as it is (profile, check, bench, eval).</summary>
    public static PreparationOptions Analysis { get; } = new();

    /// <summary>For transforms that rewrite or train weights (factorize, prune, swap-backbone, train, finetune): normalized, initializers private, BatchNorm kept.</summary>
    public static PreparationOptions Rewrite { get; } = new() { Normalize = true, PrivatizeInitializers = true };

    /// <summary>For precision transforms (fp16): normalized and BatchNorm folded.</summary>
    public static PreparationOptions Precision { get; } = new() { Normalize = true, FoldBatchNorm = true };

    /// <summary>For INT8 QDQ quantization: opset 13 (per-channel DequantizeLinear needs it), normalized, BatchNorm folded.</summary>
    public static PreparationOptions Quantization { get; } = Precision with { MinimumOpset = 13 };

    /// <summary>These options, refusing a model whose sizes are not fixed, for <paramref name="purpose"/>.</summary>
    public PreparationOptions NeedingSizes(string purpose) => this with { SizesNeededFor = purpose };

    /// <summary>These options with the input shapes <paramref name="shapes"/>.</summary>
    public PreparationOptions WithShapes(IReadOnlyDictionary<string, long[]> shapes) => this with { InputShapes = shapes };
}
