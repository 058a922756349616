using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace UsageSchema.Cli.Progress;

/// <summary>The progress bar's records/s (Spectre's own speed column speaks of bytes).</summary>
internal sealed class RecordsPerSecondColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? speed.ToString("N0", CultureInfo.InvariantCulture) + " records/s" : "- records/s");
}
