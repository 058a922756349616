using System.Net;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>Answers every request at once, as a service that accepts everything would, and counts the body bytes.</summary>
internal sealed class AcceptingHandler : HttpMessageHandler
{
    public long Bytes { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bytes += (await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)).Length;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"Message\":\"queued\",\"ValidationFailedRecords\":[]}") };
    }
}
