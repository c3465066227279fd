using Lighten.Cli.CommandLine;
using Lighten.Cli.Commands;
using Lighten.Core;
using Lighten.Training.Native;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli;

/// <summary>The <c>lighten</c> command: registers the commands and turns errors into one line and an exit code.</summary>
public static class LightenApp
{
    /// <summary>Exit code for bad input (a file, an option or a graph the user gave).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a failure inside Lighten.</summary>
    public const int InternalError = 1;

    /// <summary>Runs the command line <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args, IAnsiConsole? console = null, TextWriter? error = null)
    {
        error ??= Console.Error;
        console ??= Rendering.OutputConsole.Create();
        var catalog = new VerbCatalog();
        var app = new CommandApp();
        ICommandConfigurator Add<T>(IConfigurator config, string name) where T : class, ICommand
        {
            catalog.Add<T>(name);
            return config.AddCommand<T>(name);
        }
        ICommandConfigurator AddIn<T>(IConfigurator<CommandSettings> branch, string branchName, string name) where T : class, ICommand, ICommandLimiter<CommandSettings>
        {
            catalog.Add<T>(branchName + " " + name);
            return branch.AddCommand<T>(name);
        }
        app.Configure(config =>
        {
            config.SetHelpProvider(new LightenHelpProvider(config.Settings, catalog));
            config.SetApplicationName("lighten");
            config.SetApplicationVersion(Lighten.Training.Native.DoctorReport.VersionLine());
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.ConfigureConsole(console);
            Add<ProfileCommand>(config, "profile")
                .WithDescription("Per-layer MACs, parameters and memory of an ONNX model.")
                .WithExample("profile", "tests/data/mobilenet_v2_w035_c10_96.onnx", "--top", "10");
            Add<OptimizeCommand>(config, "optimize")
                .WithDescription("Fold constants, remove Identity/Dropout and fold BatchNormalization; write a new ONNX file.")
                .WithExample("optimize", "model.onnx", "-o", "model.opt.onnx");
            Add<PruneCommand>(config, "prune")
                .WithDescription("G5: prune channels (smaller, faster) or weights (smaller compressed), optionally fine-tuning.");
            Add<FactorizeCommand>(config, "factorize")
                .WithDescription("G2: factorize the heavy Conv/ConvTranspose layers (1x1 bottleneck, depthwise-separable, k x 1 + 1 x k), SVD-initialized.")
                .WithExample("factorize", "pose.onnx", "--layers", "ConvTranspose", "--bottleneck", "64", "-o", "pose.g2.onnx");
            Add<SwapBackboneCommand>(config, "swap-backbone")
                .WithDescription("G1: graft lightweight zoo backbones in place of the model's, fine-tune each distilling from the model, compare accuracy, latency and MACs; write the best.")
                .WithExample("swap-backbone", "pose.onnx", "--task", "pose", "--data", "synth/", "--candidates", "mobilenet_v2,shufflenet_v2_x1_0", "--epochs", "4", "-o", "pose.g1.onnx");
            Add<QuantizeCommand>(config, "quantize")
                .WithDescription("Post-training INT8 quantization: calibrate, keep FP32 where INT8 does not pay off, write a QDQ ONNX model.")
                .WithExample("quantize", "model.onnx", "--calib", "images/", "--count", "128", "-o", "model.int8.onnx");
            Add<Fp16Command>(config, "fp16")
                .WithDescription("Convert to FP16 (unsafe ops stay FP32) if the target runs it faster; --force writes it anyway.")
                .WithExample("fp16", "model.onnx", "-o", "model.fp16.onnx");
            Add<RunCommand>(config, "run")
                .WithDescription("The guideline G1 to G5 on a model, its data, a target and requirements (a pipeline YAML file); resumable; writes report.md/json/html.")
                .WithExample("run", "pipeline.yaml", "-O", "run/");
            // One trial of a step, as an executor's child process or cluster job runs it; not a verb for people.
            config.AddCommand<RunTrialCommand>(Lighten.Pipeline.Trials.TrialCommand.Verb).IsHidden();
            Add<DemoCommand>(config, "demo")
                .WithDescription("The built-in demo: synthetic poses, a trained PoseResNet-50, then the guideline on this machine with the reference case's requirements.")
                .WithExample("demo", "--preset", "quick", "-O", "lighten-demo");
            config.AddBranch("data", data =>
            {
                data.SetDescription("Make data sets.");
                AddIn<DataSynthPoseCommand>(data, "data", "synth-pose")
                    .WithDescription("Write the synthetic pose set of the demo: PNG images and COCO keypoints JSON (16 MPII joints, head boxes).")
                    .WithExample("data", "synth-pose", "-O", "synth", "--count", "1000", "--size", "128", "--seed", "1");
            });
            Add<TargetsCommand>(config, "targets")
                .WithDescription("The target profiles: CPU and GPU cores, peak throughput per precision, bandwidth, RAM.")
                .WithExample("targets", "--measure-host");
            Add<DoctorCommand>(config, "doctor")
                .WithDescription("This machine as training sees it: CPU and cache topology, the native engine's remedy and why, BF16, runtime versions, threads.")
                .WithExample("doctor", "--json");
            Add<CheckCommand>(config, "check")
                .WithDescription("Preflight on a target: unsupported ops per precision, RAM fit, estimated latency per precision.")
                .WithExample("check", "tests/data/tiny_pose_resnet_64.onnx", "--target", "rk3399-armcl");
            Add<BenchCommand>(config, "bench")
                .WithDescription("Initialization time and batch-1 latency of ONNX models in ONNX Runtime, side by side.")
                .WithExample("bench", "a.onnx", "b.onnx", "--runs", "200");
            Add<EvalCommand>(config, "eval")
                .WithDescription("Accuracy of an ONNX model on a dataset in ONNX Runtime (top-1/top-5, or PCKh/PCK and OKS AP).")
                .WithExample("eval", "model.onnx", "--data", "val/", "--task", "classify", "--size", "224");
            Add<TrainCommand>(config, "train")
                .WithDescription("Train a zoo model or an ONNX file on an ImageFolder (classify) or COCO keypoints (pose); writes the best weights as ONNX and reports their metric in ONNX Runtime.")
                .WithExample("train", "--model", "pose_resnet18", "--task", "pose", "--data", "synth/", "--size", "128", "--epochs", "20", "-o", "pose.onnx");
            Add<FinetuneCommand>(config, "finetune")
                .WithDescription("Fine-tune an ONNX model, optionally distilling from a teacher; writes the best weights as ONNX and reports their metric in ONNX Runtime.")
                .WithExample("finetune", "student.onnx", "--task", "pose", "--data", "synth/", "--teacher", "teacher.onnx", "--alpha", "0.5", "-o", "student.ft.onnx");
            config.AddBranch("zoo", zoo =>
            {
                zoo.SetDescription("The model zoo: ResNet, MobileNetV2/V3, ShuffleNetV2 classifiers and SimpleBaseline pose models.");
                AddIn<ZooListCommand>(zoo, "zoo", "list")
                    .WithDescription("List the zoo's models with parameters and MACs at 224x224.");
                AddIn<ZooExportCommand>(zoo, "zoo", "export")
                    .WithDescription("Build a zoo model and write it as ONNX.")
                    .WithExample("zoo", "export", "pose_resnet50", "--input-shape", "input=1x3x256x256", "--joints", "16", "-o", "pose_resnet50.onnx");
            });
        });
        bool verbose = args.Contains("--verbose");
        try
        {
            return app.Run(Deprecations.Rewrite(args, catalog, error));
        }
        catch (LightenException e) when (e.IsBadInput)
        {
            error.WriteLine($"lighten: error: {e.Describe(CliFlags.Of)}");
            if (verbose) error.WriteLine(e);
            return BadInput;
        }
        catch (NativeEngineException e)
        {
            error.WriteLine($"lighten: error: {e.Describe(CliFlags.Of)}");
            if (verbose) error.WriteLine(e);
            return NativeEngineException.ExitCode;
        }
        catch (CommandAppException e)
        {
            error.WriteLine($"lighten: error: {Suggestions.Explain(e.Message, args, catalog)}");
            if (verbose) error.WriteLine(e);
            return BadInput;
        }
        catch (Exception e)
        {
            error.WriteLine($"lighten: internal error: {e.GetType().Name}: {e.Message}" + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) error.WriteLine(e);
            return InternalError;
        }
    }
}
