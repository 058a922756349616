namespace UsageSchema.Cli.Verification;

/// <summary>What one verification of one API found, and the daily figures it was computed from (for the report).</summary>
/// <param name="Service">The API.</param>
/// <param name="Window">The window and its rules.</param>
/// <param name="Findings">The differences, each once, grouped by kind and ordered by subject.</param>
/// <param name="Days">Per resource and day, what was sent, delivered, loaded and failed, ordered by resource and day.</param>
/// <param name="Notes">What the check could not see, for a person (e.g. a service without a listing); empty when it saw everything.</param>
internal sealed record VerifyResult(UsageApi Service, VerifyWindow Window, IReadOnlyList<VerifyFinding> Findings, IReadOnlyList<DailyUsage> Days, IReadOnlyList<string> Notes);

/// <summary>What <c>verify --fix</c> did.</summary>
/// <param name="Requeued">Outbox entries returned to pending to be sent again.</param>
/// <param name="Cleared">The service's failed-record ids that were cleared.</param>
internal sealed record VerifyFix(int Requeued, IReadOnlyList<string> Cleared);
