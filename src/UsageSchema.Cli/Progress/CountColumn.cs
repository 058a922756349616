using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace UsageSchema.Cli.Progress;

/// <summary>The progress bar's <c>done/total</c> records.</summary>
internal sealed class CountColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:N0}/{task.MaxValue:N0}"));
}
