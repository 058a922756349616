using System.Text;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Errors;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Resilience;
using UsageSchema.Serialization;

namespace UsageSchema.Testing.Fuzzing.Replies;

/// <summary>
/// What the library's readers of service answers must do with any bytes: return a defined result,
/// or (for JSON of the wrong shape) throw the <see cref="JsonException"/> the clients turn into
/// <see cref="UnexpectedResponseException"/>, never anything else. Each check throws (an xunit
/// assertion, or the unexpected exception itself) when that does not hold.
/// </summary>
internal static class ReplyChecks
{
    /// <summary>An error body of any service (AMIE, PERSEUS, gateway) always gives a message.</summary>
    public static void ServiceError(byte[] bytes)
    {
        var message = ServiceErrorMessage.Extract(Text(bytes));
        Assert.False(string.IsNullOrWhiteSpace(message), "a message, or a description of why there is none");
    }

    /// <summary>The gateway's plain-text reply parses, and its kind agrees with its content.</summary>
    public static void GatewayReply(byte[] bytes)
    {
        var text = Text(bytes);
        var reply = JobAttributesReply.Parse(text);
        Assert.Equal(text, reply.Text);
        Assert.True(reply.Kind != JobAttributesReplyKind.Staged || reply.Attributes.Count > 0, "staged means attributes were listed");
        Assert.True(reply.SuggestedResourceNames.Count == 0 || reply.Kind == JobAttributesReplyKind.UnknownResource, "suggestions only for an unknown resource");
        Assert.Equal(text.Contains("Did you mean one of these?", StringComparison.OrdinalIgnoreCase), reply.Kind == JobAttributesReplyKind.UnknownResource);
        Assert.NotNull(reply.ToString());
    }

    /// <summary>AMIE's answers: POST /usage (<see cref="UsageResponse"/>), GET /usage/status, GET /usage/failed.</summary>
    public static void AmieReplies(byte[] bytes)
    {
        // The serializer reads [null] as a list holding null; the clients refuse such an answer (ReplyRows), so a null
        // failed record is either named by that check or absent.
        if (ReadOrJsonException<UsageResponse>(bytes) is { } response)
        {
            NullOnlyWhereRefused(response.AllFailedRecords, ReplyRows.NullRow(response.ValidationFailedRecords, "v") ?? ReplyRows.NullRow(response.FailedRecords, "f"));
        }

        if (ReadOrJsonException<List<UsageStatusResource>>(bytes) is { } statuses)
        {
            NullOnlyWhereRefused(statuses, ReplyRows.NullRow(statuses, "s"));
        }

        if (ReadOrJsonException<FailedUsageRecords>(bytes) is { } failed)
        {
            NullOnlyWhereRefused(failed.AllFailedRecords, ReplyRows.NullRow(failed.FailedRecords, "f") ?? ReplyRows.NullRow(failed.ValidationFailedRecords, "v"));
        }
    }

    /// <summary>The gateway's list of the last jobs (<see cref="GatewayJobsResponse"/>).</summary>
    public static void GatewayJobs(byte[] bytes) => ReadOrJsonException<GatewayJobsResponse>(bytes);

    /// <summary>
    /// One page of AMIE's <c>GET /usage/loaded</c>: the bare array of the spec, or the same rows under <c>results</c>
    /// (<see cref="Amie.Sending.AmieUsageSender.FromResultsEnvelope"/>, what the client tries first).
    /// </summary>
    public static void AmieLoaded(byte[] bytes)
    {
        List<LoadedUsageRecord>? rows;
        try
        {
            rows = Amie.Sending.AmieUsageSender.FromResultsEnvelope(bytes);
        }
        catch (JsonException)
        {
            rows = null;
        }

        rows ??= ReadOrJsonException<List<LoadedUsageRecord>>(bytes);
        if (rows is not null)
        {
            NullOnlyWhereRefused(rows, ReplyRows.NullRow(rows, "the page"));
        }
    }

    /// <summary>A PERSEUS listing of a project's reports (GET on the report path): a JSON array of reports.</summary>
    public static void PerseusListing(byte[] bytes)
    {
        if (ReadOrJsonException<List<UsageReport>>(bytes) is { } reports)
        {
            NullOnlyWhereRefused(reports, ReplyRows.NullRow(reports, "the array"));
        }
    }

    /// <summary>Records read back from the services, with the converters that take numbers sent as strings.</summary>
    public static void Records(byte[] bytes)
    {
        ReadOrJsonException<ComputeUsageRecord>(bytes);
        ReadOrJsonException<UsageReport>(bytes);
        ReadOrJsonException<JobAttributes>(bytes);
    }

    private static void NullOnlyWhereRefused<T>(IEnumerable<T?> rows, string? refusal)
        where T : class
    {
        if (refusal is null)
        {
            Assert.All(rows, row => Assert.NotNull(row));
        }
        else
        {
            Assert.Contains(rows, row => row is null);
        }
    }

    /// <summary>The value read, null for JSON null, or null after a <see cref="JsonException"/>; any other exception escapes (a failure).</summary>
    public static T? ReadOrJsonException<T>(byte[] bytes)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, UsageJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
