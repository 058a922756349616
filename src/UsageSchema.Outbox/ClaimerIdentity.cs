using System.Diagnostics;
using System.Globalization;

namespace UsageSchema.Outbox;

/// <summary>
/// Claimer ids of the form <c>host:pid:nonce</c>, and the test for a claimer that is gone: a process on
/// this machine that no longer runs. A claim held by a gone claimer can be released at once instead of
/// waiting for its lease, which is what lets a killed <c>send</c> be rerun without delay.
/// </summary>
public static class ClaimerIdentity
{
    /// <summary>A new id for this process: the machine name, the process id and a random nonce.</summary>
    public static string NewId() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    /// <summary>
    /// Whether <paramref name="claimerId"/> names a process of this machine that is no longer running.
    /// An id of another form, of another machine, or of a running process is not known to be gone (a
    /// reused process id errs on the safe side: the claim then waits for its lease).
    /// </summary>
    /// <param name="claimerId">A claimer id.</param>
    public static bool IsGoneFromThisMachine(string claimerId)
    {
        ArgumentNullException.ThrowIfNull(claimerId);
        var parts = claimerId.Split(':');
        if (parts.Length != 3
            || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }

        if (processId == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
