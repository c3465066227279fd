using System.Diagnostics;
using Lighten.Core.Zoo;
using static TorchSharp.torch;

namespace Lighten.Training.Native;

/// <summary>Images per second of a training step (forward, cross-entropy, backward, SGD with momentum) of a zoo classifier run by <see cref="GraphModule"/>.</summary>
public static class TrainingThroughput
{
    /// <summary>Builds <paramref name="model"/> at <paramref name="size"/>×<paramref name="size"/>, runs one warm-up step and <paramref name="steps"/> timed ones.</summary>
    public static double Measure(string model, int size, int batch, int steps)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var module = new GraphModule(ModelZoo.Build(model, new ZooOptions { InputHeight = size, InputWidth = size, Classes = 10, Seed = 1 }));
        module.train();
        using var optimizer = optim.SGD(module.parameters(), 1e-3, momentum: 0.9);
        var generator = new Generator(3);
        var input = randn([batch, 3, size, size], generator: generator);
        var labels = randint(0, 10, [batch], generator: generator);
        var watch = new Stopwatch();
        for (int step = -1; step < steps; step++)
        {
            if (step == 0) watch.Start();
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(module.forward(input), labels);
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
        }
        return batch * steps / watch.Elapsed.TotalSeconds;
    }
}
