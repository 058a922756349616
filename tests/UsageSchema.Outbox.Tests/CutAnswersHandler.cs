using System.Net;
using System.Text;

namespace UsageSchema.Outbox.Tests;

/// <summary>
/// Lets requests reach the service, then cuts short the answers of the first few that match each
/// rule: the service has done the work, the client cannot read that it did. Deterministic, unlike
/// the emulator's <c>--malformed-rate</c>.
/// </summary>
internal sealed class CutAnswersHandler : DelegatingHandler
{
    private readonly List<Rule> _rules;

    public CutAnswersHandler(params (HttpMethod Method, string PathEnd, int Count)[] rules)
        : base(new SocketsHttpHandler()) =>
        _rules = [.. rules.Select(rule => new Rule(rule.Method, rule.PathEnd, rule.Count))];

    /// <summary>How many answers were cut.</summary>
    public int Cut => _rules.Sum(rule => rule.Cut);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var rule = _rules.Find(rule => rule.Matches(request));
        if (rule is null || !rule.Take())
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        response.Dispose();
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body[..(body.Length / 2)], Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }

    private sealed class Rule(HttpMethod method, string pathEnd, int count)
    {
        private int _taken;

        public int Cut => Math.Min(Volatile.Read(ref _taken), count);

        public bool Matches(HttpRequestMessage request) =>
            request.Method == method && request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith(pathEnd, StringComparison.Ordinal);

        public bool Take() => Interlocked.Increment(ref _taken) <= count;
    }
}
