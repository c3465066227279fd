using Lighten.Data.Synthetic;

namespace Lighten.Data.Tests.Synthetic;

/// <summary>Writes contact sheets with the labels drawn over the images, for a person to look at.</summary>
public class SyntheticPoseLookTests
{
    [Fact]
    public void Writes_overlay_sheets_to_the_temp_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "lighten-synth-overlay");
        Directory.CreateDirectory(folder);
        var options = new SyntheticPoseOptions { Seed = 7 };
        KeypointOverlay.WriteSheet(Path.Combine(folder, "cluttered.png"), options, 0, 16);
        KeypointOverlay.WriteSheet(Path.Combine(folder, "plain.png"), options with { Background = SyntheticBackground.Plain, Noise = false }, 0, 16);
        Assert.True(new FileInfo(Path.Combine(folder, "plain.png")).Length > 0);
    }
}
