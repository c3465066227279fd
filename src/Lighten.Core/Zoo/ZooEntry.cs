namespace Lighten.Core.Zoo;

/// <summary>A model the zoo builds.</summary>
/// <param name="Name">The name given to <see cref="ModelZoo.Build"/>, such as <c>resnet50</c> or <c>pose_mobilenet_v2</c>.</param>
/// <param name="Backbone">The backbone's name (the name without <c>pose_</c>).</param>
/// <param name="Task">The head the name builds by default.</param>
/// <param name="Description">One line on the architecture.</param>
public sealed record ZooEntry(string Name, string Backbone, ZooTask Task, string Description);
