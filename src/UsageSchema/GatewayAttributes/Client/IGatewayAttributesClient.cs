namespace UsageSchema.GatewayAttributes.Client;

/// <summary>The ACCESS Gateway Attributes API, for callers: see <see cref="GatewayAttributesClient"/>.</summary>
public interface IGatewayAttributesClient
{
    /// <summary>Validates and submits a job's attributes (<c>POST /gateway/v2/job_attributes</c>).</summary>
    /// <param name="attributes">The attributes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<JobAttributesReply> SubmitAsync(JobAttributes attributes, CancellationToken cancellationToken = default);

    /// <summary>Submits a job's attributes, formatting <paramref name="submitTime"/> as <c>yyyy-MM-dd HH:mm:ss zzz</c>.</summary>
    /// <param name="gatewayUser">The gateway end user the job ran for.</param>
    /// <param name="resourceName">The resource, e.g. <c>expanse.sdsc.xsede.org</c>.</param>
    /// <param name="jobId">The local resource manager's job id.</param>
    /// <param name="submitTime">When the job was submitted.</param>
    /// <param name="software">The application the job ran, if known.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<JobAttributesReply> SubmitAsync(string gatewayUser, string resourceName, string jobId, DateTimeOffset submitTime, string? software = null, CancellationToken cancellationToken = default);

    /// <summary>Checks a job's attributes without staging them (<c>debug=1</c>).</summary>
    /// <param name="attributes">The attributes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<JobAttributesReply> DryRunAsync(JobAttributes attributes, CancellationToken cancellationToken = default);

    /// <summary>The resource names the service accepts, from its "Did you mean one of these?" reply.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<string>> GetValidResourceNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>Jobs of a grant (charge number) between two dates.</summary>
    /// <param name="grantNumber">The grant, e.g. <c>TG-ABC123456</c>.</param>
    /// <param name="startDate">First day.</param>
    /// <param name="endDate">Last day.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<GatewayJobsResponse> GetJobsByProjectAsync(string grantNumber, DateOnly startDate, DateOnly endDate, CancellationToken cancellationToken = default);

    /// <summary>
    /// All jobs of one person between two dates, on every resource: the route list's "All jobs by a person
    /// (found by resource and username), for all resources". The person is found by a login on one resource.
    /// </summary>
    /// <param name="resource">The resource on which <paramref name="username"/> is the person's login.</param>
    /// <param name="username">The person's login on <paramref name="resource"/> (not the gateway end user).</param>
    /// <param name="startDate">First day.</param>
    /// <param name="endDate">Last day.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<GatewayJobsResponse> GetJobsByResourceUserAsync(string resource, string username, DateOnly startDate, DateOnly endDate, CancellationToken cancellationToken = default);

    /// <summary>
    /// The last jobs submitted with this key. The route list calls the answer "human-readable": a JSON envelope is
    /// read into rows; a plain-text answer comes back as <see cref="GatewayJobsResponse.Message"/> with no rows.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<GatewayJobsResponse> GetLastJobsAsync(CancellationToken cancellationToken = default);
}
