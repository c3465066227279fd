using TorchSharp;
using static TorchSharp.torch;

namespace Lighten.Training.Tests;

public class TorchLoadTests
{
    [Fact]
    public void Conv2dMatchesHandComputedValues()
    {
        using var scope = NewDisposeScope();
        // 1x1x3x3 input 1..9, 2x2 kernel [[1,0],[0,-1]]: out[i,j] = x[i,j] - x[i+1,j+1] = -4 everywhere.
        var x = arange(1, 10, dtype: float32).reshape(1, 1, 3, 3);
        var w = tensor(new float[] { 1, 0, 0, -1 }).reshape(1, 1, 2, 2);
        var b = tensor(new float[] { 0.5f });
        var y = nn.functional.conv2d(x, w, b);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, y.shape);
        Assert.All(y.data<float>().ToArray(), v => Assert.Equal(-3.5f, v));
    }
}
