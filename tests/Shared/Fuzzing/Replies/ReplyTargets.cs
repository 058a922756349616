namespace UsageSchema.Testing.Fuzzing.Replies;

/// <summary>The library's readers of what the three services answer, as fuzz targets.</summary>
/// <remarks>PERSEUS's success answers (200, 201, 204) are not read; its error answers are, by <c>service-error</c>.</remarks>
internal static class ReplyTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("service-error", "an error body of AMIE, PERSEUS or the gateway through ServiceErrorMessage.Extract", ReplyChecks.ServiceError),
        new("gateway-reply", "the gateway's plain-text reply through JobAttributesReply.Parse", ReplyChecks.GatewayReply),
        new("amie-replies", "AMIE's POST /usage, GET /usage/status and GET /usage/failed answers through UsageJson.Options", ReplyChecks.AmieReplies),
        new("gateway-jobs", "the gateway's job list (GatewayJobsResponse) through UsageJson.Options", ReplyChecks.GatewayJobs),
        new("amie-loaded", "a page of AMIE's GET /usage/loaded (bare array or results envelope) through AmieUsageSender.FromResultsEnvelope and UsageJson.Options", ReplyChecks.AmieLoaded),
        new("perseus-listing", "PERSEUS's listing of a project's reports (GET on the report path) through UsageJson.Options", ReplyChecks.PerseusListing),
        new("records", "ComputeUsageRecord, PERSEUS UsageReport and JobAttributes JSON through UsageJson.Options", ReplyChecks.Records),
    ];
}
