using System.Globalization;
using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.Resilience;
using UsageSchema.Serialization;

namespace UsageSchema.Amie.Sending;

public sealed partial class AmieUsageSender
{
    /// <summary>
    /// One packed request's way to the service: sent, and after a <c>413</c> halved and sent again down
    /// to single records. What happened is kept in <see cref="Events"/>, in order, for the run to take
    /// when it is this request's turn; nothing of the run is touched here, so it can run while the run
    /// packs the next request.
    /// </summary>
    private sealed class RequestDelivery(AmieUsageSender sender)
    {
        /// <summary>The answered requests (with their records) and the records kept back, in the order they happened.</summary>
        public List<(AmieRequestResult? Result, IReadOnlyList<PackedRecord>? Records, LocalRecordFailure? KeptBack)> Events { get; } = new(1);

        /// <summary>The failure that stops the run (credentials refused, service down, wrong address); null when none.</summary>
        public UsageServiceException? StoppedBy { get; private set; }

        public async Task<RequestDelivery> SendAsync(PackedRequest request, CancellationToken cancellationToken)
        {
            await SendAsync(request, 0, cancellationToken).ConfigureAwait(false);
            return this;
        }

        private async Task SendAsync(PackedRequest request, int splitDepth, CancellationToken cancellationToken)
        {
            using (request)
            {
                var operation = AmieUsageOperations.SendUsage;
                var uri = new Uri(sender._baseAddress, operation.RelativePath());
                var description = ServiceRequestDescription.For(operation.Method, uri, request.RecordCount, request.BodyBytes);
                var result = new AmieRequestResult(request, splitDepth);
                ServiceResponse response;
                try
                {
                    response = await sender._invoker.SendAsync(
                        () => sender.CreateRequest(operation, uri, new ReadOnlyMemoryContent(request.Body) { Headers = { ContentType = Json } }),
                        description,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (ServiceUnavailableException unavailable)
                {
                    result.Attempts = unavailable.Attempts;
                    Fail(result, request, unavailable);
                    return;
                }
                catch (UnexpectedResponseException unexpected)
                {
                    // A redirect or an answer over the limit: the address is wrong, not the records;
                    // every later request would meet the same.
                    Fail(result, request, unexpected);
                    StoppedBy = unexpected;
                    return;
                }

                result.StatusCode = response.StatusCode;
                result.Attempts = response.Attempts;
                result.Duration = response.Elapsed;
                if (response.StatusCode == 413)
                {
                    await SplitAsync(request, splitDepth, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (!response.IsSuccess)
                {
                    Fail(result, request, ServiceFailures.FromStatus(Service, response, description, sender._apiKey.Scrub, sender._invoker.TimeProvider));
                    return;
                }

                try
                {
                    result.Response = ReadUsageResponse(response, description);
                }
                catch (UnexpectedResponseException unexpected)
                {
                    Fail(result, request, unexpected);
                    return;
                }

                Events.Add((result, request.Records, null));
                AmieSenderLog.RequestAccepted(sender._logger, result.RecordCount, result.UsageType, result.BodyBytes, response.StatusCode, result.ServiceFailedRecords.Count, result.Attempts, (long)result.Duration.TotalMilliseconds);
            }
        }

        private async Task SplitAsync(PackedRequest request, int splitDepth, CancellationToken cancellationToken)
        {
            if (request.RecordCount == 1)
            {
                var record = request.Records[0];
                var usageType = request.UsageType;
                Events.Add((null, null, new LocalRecordFailure(record.Index, usageType, record.LocalRecordId, record.Resource, LocalFailureReason.RejectedAsTooLarge,
                    $"{AmieRecordKind.Name(usageType, record.LocalRecordId, record.Resource)} (#{record.Index.ToString(CultureInfo.InvariantCulture)}) was answered 413 (too large) when sent alone in {request.BodyBytes.ToString(CultureInfo.InvariantCulture)} bytes.",
                    [], record.Record)));
                return;
            }

            AmieSenderLog.Splitting(sender._logger, request.RecordCount, request.UsageType, request.BodyBytes);
            var (first, second) = request.Split();
            using (second)
            {
                await SendAsync(first, splitDepth + 1, cancellationToken).ConfigureAwait(false);
                if (StoppedBy is null)
                {
                    await SendAsync(second, splitDepth + 1, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private UsageResponse ReadUsageResponse(ServiceResponse response, ServiceRequestDescription description)
        {
            const string Expected = "a usage response ({\"Message\": ..., \"ValidationFailedRecords\": [...]})";
            if (response.StatusCode != 200)
            {
                throw ServiceFailures.Unreadable(Service, response, description, AmieUsageOperations.SendUsage + " answers 200 with " + Expected, sender._apiKey.Scrub);
            }

            if (response.Body.Length == 0)
            {
                throw ServiceFailures.Unreadable(Service, response, description, "the body is empty instead of " + Expected, sender._apiKey.Scrub);
            }

            UsageResponse usage;
            try
            {
                usage = JsonSerializer.Deserialize<UsageResponse>(response.Body, UsageJson.Options)
                    ?? throw ServiceFailures.Unreadable(Service, response, description, "the body is JSON null instead of " + Expected, sender._apiKey.Scrub);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                throw ServiceFailures.Unreadable(Service, response, description, $"the body is not {Expected}: {exception.Message}", sender._apiKey.Scrub, exception);
            }

            // The spec's one required member: without it, any JSON object (a proxy's {}) would count as the service's yes.
            var problem = usage.Message is null
                ? "the body has no Message"
                : ReplyRows.NullRow(usage.ValidationFailedRecords, nameof(UsageResponse.ValidationFailedRecords)) ?? ReplyRows.NullRow(usage.FailedRecords, nameof(UsageResponse.FailedRecords));
            return problem is null
                ? usage
                : throw ServiceFailures.Unreadable(Service, response, description, $"{problem}, so it is not {Expected}", sender._apiKey.Scrub);
        }

        private void Fail(AmieRequestResult result, PackedRequest request, UsageServiceException error)
        {
            result.Error = error;
            Events.Add((result, request.Records, null));
            AmieSenderLog.RequestFailed(sender._logger, result.RecordCount, result.UsageType, result.BodyBytes, error.StatusCode, error.GetType().Name);

            // Refused credentials and a service that stays down fail every later request the same
            // way; a rejected request (400) says something about its own records only.
            if (error is ServiceAuthenticationException or ServiceUnavailableException)
            {
                StoppedBy = error;
            }
        }
    }
}
