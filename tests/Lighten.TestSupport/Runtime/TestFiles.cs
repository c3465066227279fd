using Lighten.TestSupport;
namespace Lighten.Runtime.Tests;

/// <summary>Test models and scratch folders.</summary>
public static class TestFiles
{
    public const string MobileNet = "mobilenet_v2_w035_c10_96.onnx";
    public const string TinyPose = "tiny_pose_resnet_64.onnx";

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static string TempDir() => TestTemp.CreateSubdirectory("runtime-").FullName;
}
