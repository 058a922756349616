using System.Diagnostics.Metrics;
using System.Net;
using UsageSchema.DependencyInjection;
using UsageSchema.Tests.Clients;
using UsageSchema.Tests.Wire;

namespace UsageSchema.Tests.Telemetry;

/// <summary>The client's instruments, seen by a <see cref="MeterListener"/> during real sends through a scripted transport.</summary>
public sealed class UsageMetricsTests
{
    // Other tests send in parallel in this process; only measurements made on this test's flow count.
    private static readonly AsyncLocal<List<(string Instrument, string? Unit, object Value, Dictionary<string, object?> Tags)>?> Mine = new();

    [Fact]
    public async Task An_accepted_send_records_its_records_and_its_duration_tagged_with_the_api_and_status()
    {
        var seen = await MeasureAsync(ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("amie/usage-response.reference.json"))),
            sender => sender.SendAsync([TestRecords.Compute("1"), TestRecords.Compute("2")]));

        var sent = Assert.Single(seen, m => m.Instrument == "usage_schema.records.sent");
        Assert.Equal("{record}", sent.Unit);
        Assert.Equal(2L, sent.Value);
        Assert.Equal("amie", sent.Tags["usage.api"]);
        Assert.Equal(200, sent.Tags["http.response.status_code"]);
        var duration = Assert.Single(seen, m => m.Instrument == "usage_schema.request.duration");
        Assert.Equal("s", duration.Unit);
        Assert.InRange((double)duration.Value, 0, 60);
        Assert.Equal(200, duration.Tags["http.response.status_code"]);
    }

    [Fact]
    public async Task A_refused_request_is_tagged_with_the_status_the_service_gave()
    {
        var seen = await MeasureAsync(ClientFactory.Amie(new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.Unauthorized, "{\"message\":\"bad key\"}"))),
            async sender =>
            {
                try
                {
                    await sender.SendAsync(TestRecords.Compute());
                }
                catch (Exception exception) when (exception is UsageSchema.Errors.UsageServiceException)
                {
                    // The refusal itself is tested elsewhere; here only its measurement.
                }
            });

        var sent = Assert.Single(seen, m => m.Instrument == "usage_schema.records.sent");
        Assert.Equal(401, sent.Tags["http.response.status_code"]);
        Assert.DoesNotContain(seen, m => m.Tags.Values.Any(value => value is string text && text.Contains(TestRecords.ApiKey, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_service_that_never_answers_counts_an_unanswered_request()
    {
        var seen = await MeasureAsync(ClientFactory.Amie(new ScriptedHandler(_ => throw new HttpRequestException("connection refused"))),
            async sender =>
            {
                // The sender reports the failure in its result or throws; either way no answer came.
                try
                {
                    var result = await sender.SendAsync(TestRecords.Compute());
                    Assert.False(result.Succeeded);
                }
                catch (UsageSchema.Errors.ServiceUnavailableException)
                {
                }
            });

        var unanswered = Assert.Single(seen, m => m.Instrument == "usage_schema.requests.unanswered");
        Assert.Equal(1L, unanswered.Value);
        Assert.False(unanswered.Tags.ContainsKey("http.response.status_code"));
        Assert.DoesNotContain(seen, m => m.Instrument == "usage_schema.records.sent");
    }

    private static async Task<List<(string Instrument, string? Unit, object Value, Dictionary<string, object?> Tags)>> MeasureAsync<TClient>(TClient client, Func<TClient, Task> send)
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == UsageSchemaTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();

        var seen = new List<(string Instrument, string? Unit, object Value, Dictionary<string, object?> Tags)>();
        Mine.Value = seen;
        await send(client);
        Mine.Value = null;
        return seen;
    }

    private static void Add(Instrument instrument, object value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var list = Mine.Value;
        if (list is null)
        {
            return;
        }

        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (list)
        {
            list.Add((instrument.Name, instrument.Unit, value, copy));
        }
    }
}
