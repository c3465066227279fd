using Lighten.Core;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime.Tests;

public class ModelSessionTests
{
    [Fact]
    public void Opens_a_model_and_reports_init_time_and_metadata()
    {
        using var session = ModelSession.Open(TestFiles.Data(TestFiles.MobileNet), new SessionOptionsSpec { IntraOpThreads = 1 });
        Assert.True(session.InitMs > 0);
        var input = Assert.Single(session.Inputs);
        Assert.Equal("input", input.Name);
        Assert.Equal(ElementType.Float, input.ElementType);
        Assert.Equal("batchx3x96x96", input.Shape!.ToString());
        var output = Assert.Single(session.Outputs);
        Assert.Equal("batchx10", output.Shape!.ToString());
        Assert.Equal(1, session.Options.Threads);
    }

    [Fact]
    public void Default_options_use_physical_cores_one_inter_op_thread_and_all_optimizations()
    {
        var spec = new SessionOptionsSpec();
        Assert.Equal(CpuTopology.PhysicalCores, spec.Threads);
        using var options = spec.ToSessionOptions();
        Assert.Equal(CpuTopology.PhysicalCores, options.IntraOpNumThreads);
        Assert.Equal(1, options.InterOpNumThreads);
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, options.GraphOptimizationLevel);
        Assert.Equal(ExecutionMode.ORT_SEQUENTIAL, options.ExecutionMode);
        Assert.InRange(CpuTopology.PhysicalCores, 1, Environment.ProcessorCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Thread_count_below_one_is_an_option_error(int threads)
    {
        var e = Assert.Throws<OptionException>(() => new SessionOptionsSpec { IntraOpThreads = threads }.ToSessionOptions());
        Assert.Contains(threads.ToString(), e.Message);
    }

    [Fact]
    public void Corrupt_model_names_the_file_and_keeps_the_runtime_message()
    {
        var path = Path.Combine(TestFiles.TempDir(), "corrupt.onnx");
        File.WriteAllBytes(path, [0x08, 0x07, 0xff, 0xff, 0x12, 0x99, 0x01, 0x02, 0x03]);
        var e = Assert.Throws<SessionException>(() => ModelSession.Open(path));
        Assert.Contains(path, e.Describe());
        var inner = Assert.IsType<OnnxRuntimeException>(e.InnerException);
        Assert.Contains(inner.Message, e.Message);
    }

    [Fact]
    public void Truncated_model_names_the_file()
    {
        var bytes = File.ReadAllBytes(TestFiles.Data(TestFiles.MobileNet));
        var path = Path.Combine(TestFiles.TempDir(), "truncated.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<SessionException>(() => ModelSession.Open(path));
        Assert.StartsWith(path + ": ONNX Runtime could not load the model", e.Describe());
    }

    [Fact]
    public void Missing_model_is_a_format_error_naming_the_file()
    {
        var path = Path.Combine(TestFiles.TempDir(), "missing.onnx");
        var e = Assert.Throws<ModelFormatException>(() => ModelSession.Open(path));
        Assert.Equal($"{path}: file not found", e.Describe());
    }

    [Fact]
    public void Run_failure_names_the_file()
    {
        using var session = ModelSession.Open(TestFiles.Data(TestFiles.MobileNet), new SessionOptionsSpec { IntraOpThreads = 1 });
        using var wrong = OrtValue.CreateTensorValueFromMemory(new float[3 * 8 * 8], [1, 3, 8, 8]);
        var e = Assert.Throws<SessionException>(() => session.Run([wrong]).Dispose());
        Assert.StartsWith(session.Path + ": ONNX Runtime failed to run the model", e.Describe());
    }
}
