using UsageSchema.Cli.Sending;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Verification;

/// <summary>Compares one API's outbox entries with what its service holds; <c>verify</c> and <c>report</c> both use it.</summary>
internal interface IServiceVerifier
{
    /// <summary>The API this verifier reads.</summary>
    UsageApi Service { get; }

    /// <summary>Reads the outbox and the service for <paramref name="window"/> and compares them. Changes nothing.</summary>
    /// <param name="window">The window and its rules.</param>
    /// <param name="outbox">The outbox.</param>
    /// <param name="connection">The service.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    Task<VerifyResult> VerifyAsync(VerifyWindow window, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken);

    /// <summary>Repairs the <see cref="VerifyFinding.Fixable"/> findings of <paramref name="result"/>.</summary>
    /// <param name="result">A result of <see cref="VerifyAsync"/>.</param>
    /// <param name="outbox">The outbox.</param>
    /// <param name="connection">The service.</param>
    /// <param name="cancellationToken">Cancels the repair.</param>
    Task<VerifyFix> FixAsync(VerifyResult result, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken);
}
