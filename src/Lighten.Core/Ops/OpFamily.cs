namespace Lighten.Core.Ops;

/// <summary>
/// What Lighten knows about a family of ONNX ops that share a shape rule and a cost rule
/// (for example Conv, or all unary elementwise ops). Subclasses are found and registered by
/// <see cref="OpRegistry"/>: adding an op means adding one class.
/// </summary>
public abstract class OpFamily : IOpHandler
{
    /// <summary>The op types this family covers.</summary>
    public abstract IReadOnlyList<string> OpTypes { get; }

    /// <summary>The op domain; empty for ONNX's default domain.</summary>
    public virtual string Domain => "";

    /// <summary>Sets the element type and shape of every output from the inputs; throws through <see cref="ShapeContext.Fail"/> on inconsistent inputs.</summary>
    public abstract void InferShapes(ShapeContext ctx);

    /// <summary>
    /// Multiply-accumulates of one execution (DESIGN.md's convention): 0 for ops that are not counted
    /// (elementwise, pooling, normalization, shape ops), null when the shapes needed are not known.
    /// </summary>
    public virtual long? CountMacs(CostContext ctx) => 0;
}
