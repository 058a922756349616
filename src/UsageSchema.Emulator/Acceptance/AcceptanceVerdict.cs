using System.Text.Json;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>What the acceptance engine made of one request body.</summary>
/// <param name="Body">The body as read through the known forms (the form the spec judged).</param>
/// <param name="Violations">Every reason it is not accepted; empty when it is.</param>
/// <param name="FormsRead">The ids of the known forms that changed the body before the spec judged it.</param>
internal sealed record AcceptanceVerdict(JsonElement Body, IReadOnlyList<BodyViolation> Violations, IReadOnlyList<string> FormsRead)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool Accepted => Violations.Count == 0;
}
