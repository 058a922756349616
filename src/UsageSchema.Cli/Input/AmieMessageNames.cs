using System.Text;
using UsageSchema.Amie;

namespace UsageSchema.Cli.Input;

/// <summary>
/// The two members of an AMIE <c>UsageMessage</c> the readers look for, by the generated names (every
/// message type has both; the compute message's constants name them): its usage type and its record
/// list, with their UTF-8 forms for the byte-level readers.
/// </summary>
internal static class AmieMessageNames
{
    /// <summary>The wire name of a message's records.</summary>
    public const string Records = ComputeUsageMessage.WireNames.Records;

    /// <summary>The wire name of a message's usage type (its discriminator).</summary>
    public const string UsageType = ComputeUsageMessage.WireNames.UsageType;

    /// <summary><see cref="Records"/> in UTF-8.</summary>
    public static readonly byte[] RecordsUtf8 = Encoding.UTF8.GetBytes(Records);

    /// <summary><see cref="UsageType"/> in UTF-8.</summary>
    public static readonly byte[] UsageTypeUtf8 = Encoding.UTF8.GetBytes(UsageType);
}
