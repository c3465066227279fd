using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class DepthToSpaceTests
{
    [Fact]
    public void DepthToSpace_moves_channels_into_blocks() =>
        Assert.Equal("batchx2x6x8", new TestGraph().Input("x", Dim.Sym("batch"), 8, 3, 4).Op("DepthToSpace", ["x"], Int("blocksize", 2)).Shape());

    [Fact]
    public void SpaceToDepth_moves_blocks_into_channels() =>
        Assert.Equal("1x8x3x4", new TestGraph().Input("x", 1, 2, 6, 8).Op("SpaceToDepth", ["x"], Int("blocksize", 2)).Shape());

    [Fact]
    public void Channels_that_do_not_divide_name_the_node()
    {
        var e = Assert.Throws<ShapeInferenceException>(() => new TestGraph().Input("x", 1, 6, 3, 4).Op("DepthToSpace", ["x"], Int("blocksize", 2)).Shape());
        Assert.Contains("not divisible by 4", e.Message);
        Assert.Equal("DepthToSpace", e.OpType);
    }
}
