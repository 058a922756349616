using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageSchema.Amie.Sending;
using UsageSchema.DependencyInjection;
using UsageSchema.Errors;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Perseus.Client;
using UsageSchema.Secrets;

namespace UsageSchema.Tests.Clients;

/// <summary>Keys and tokens appear only in the header that carries them: never in logs, exception messages or ToString().</summary>
public class RedactionTests
{
    private static readonly string[] Keys = [TestRecords.ApiKey, TestRecords.GatewayKey, TestRecords.PerseusToken];

    [Fact]
    public void A_secret_prints_as_stars_everywhere_but_Reveal()
    {
        var secret = new Secret(" " + TestRecords.ApiKey + "\n");

        Assert.Equal("***", secret.ToString());
        Assert.Equal("key: ***", $"key: {secret}");
        Assert.Equal("{}", JsonSerializer.Serialize(secret));
        Assert.Equal("***", TypeDescriptor.GetConverter(typeof(Secret)).ConvertToInvariantString(secret));
        Assert.Equal("***", typeof(Secret).GetCustomAttributes(typeof(DebuggerDisplayAttribute), false).Cast<DebuggerDisplayAttribute>().Single().Value);
        Assert.Equal(TestRecords.ApiKey, secret.Reveal());
    }

    [Fact]
    public void Configuration_can_bind_a_secret_from_text()
    {
        var secret = (Secret)TypeDescriptor.GetConverter(typeof(Secret)).ConvertFromInvariantString(TestRecords.ApiKey)!;

        Assert.Equal(TestRecords.ApiKey, secret.Reveal());
    }

    [Fact]
    public void An_empty_secret_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Secret("  \n"));
    }

    [Fact]
    public void Options_print_their_keys_redacted()
    {
        var amie = ClientFactory.AmieOptions();
        var gateway = new GatewayAttributesClientOptions { ApiKey = new Secret(TestRecords.GatewayKey) };
        var perseus = new PerseusClientOptions { BaseAddress = new Uri("https://perseus.example.org/api"), Token = new Secret(TestRecords.PerseusToken) };

        Assert.Contains("ApiKey = ***", amie.ToString(), StringComparison.Ordinal);
        Assert.Contains("SiteName = SDSC", amie.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", gateway.ToString(), StringComparison.Ordinal);
        Assert.Contains("Token = ***", perseus.ToString(), StringComparison.Ordinal);
        AssertNoKey(amie.ToString(), gateway.ToString(), perseus.ToString(), JsonSerializer.Serialize(amie), JsonSerializer.Serialize(perseus));
    }

    [Fact]
    public async Task Exceptions_never_carry_a_key_even_when_the_service_echoes_it()
    {
        var echo = $"{{\"error\": \"bad key {TestRecords.ApiKey}\"}}";
        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<ServiceAuthenticationException>(() => ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.Unauthorized, echo)).GetFailedRecordsAsync()),
            await Assert.ThrowsAsync<ServiceRejectedException>(() => ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.BadRequest, echo)).GetStatusAsync()),
            await Assert.ThrowsAsync<ServiceUnavailableException>(() => ClientFactory.Amie(new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.BadGateway, echo))).GetFailedRecordsAsync()),
            await Assert.ThrowsAsync<UnexpectedResponseException>(() => ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, "[" + echo)).GetFailedRecordsAsync()),
            await Assert.ThrowsAsync<ServiceUnavailableException>(() => ClientFactory.Amie(new ScriptedHandler(_ => throw new HttpRequestException("refused"))).GetFailedRecordsAsync()),
            await Assert.ThrowsAsync<ServiceRejectedException>(() => ClientFactory.Perseus(new ScriptedHandler().Then(HttpStatusCode.BadRequest, $"{{\"detail\":\"{TestRecords.PerseusToken}\"}}")).ReportAsync(TestRecords.Report())),
        };
        var sent = await ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.Forbidden, echo)).SendAsync(TestRecords.Compute());

        AssertNoKey([.. errors.Select(error => error.ToString()), .. errors.OfType<UsageServiceException>().Select(error => error.ServiceMessage ?? string.Empty), sent.ToString(), sent.StoppedBy!.ToString()]);
        Assert.Equal("bad key ***", ((UsageServiceException)errors[0]).ServiceMessage);
    }

    [Fact]
    public async Task Logs_never_carry_a_key_at_any_level_including_the_factorys_header_logging()
    {
        var log = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        services.AddAmieUsageClient(options =>
        {
            options.ApiKey = new Secret(TestRecords.ApiKey);
            options.SiteName = "SDSC";
            options.Resilience = ClientFactory.FastRetries();
        }).ConfigurePrimaryHttpMessageHandler(() => new ScriptedHandler()
            .Then(HttpStatusCode.ServiceUnavailable, $"{{\"error\":\"{TestRecords.ApiKey}\"}}")
            .Then(HttpStatusCode.OK, "{\"Message\":\"ok\"}")
            .Then(HttpStatusCode.Unauthorized, $"key {TestRecords.ApiKey} refused"));
        services.AddGatewayAttributesClient(options => options.ApiKey = new Secret(TestRecords.GatewayKey))
            .ConfigurePrimaryHttpMessageHandler(() => new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, "Job attributes:\n  Job: 1\n", "text/plain")));
        services.AddPerseusUsageClient(options =>
        {
            options.BaseAddress = new Uri("https://perseus.example.org/api");
            options.Token = new Secret(TestRecords.PerseusToken);
        }).ConfigurePrimaryHttpMessageHandler(() => new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK)));
        await using var provider = services.BuildServiceProvider();
        var amie = provider.GetRequiredService<IAmieUsageSender>();

        var sent = await amie.SendAsync([TestRecords.Compute("1"), TestRecords.Compute("2")]);
        await Assert.ThrowsAsync<ServiceAuthenticationException>(() => amie.GetFailedRecordsAsync());
        await provider.GetRequiredService<IGatewayAttributesClient>().SubmitAsync("u", "expanse.sdsc.xsede.org", "1", DateTimeOffset.UnixEpoch);
        await provider.GetRequiredService<IPerseusUsageClient>().ReportAsync([TestRecords.Report()]);

        Assert.True(sent.Succeeded);
        Assert.Contains(log.Entries, entry => entry.Contains("Request Headers", StringComparison.Ordinal) && entry.Contains("XA-API-KEY: *", StringComparison.Ordinal));
        Assert.Contains(log.Entries, entry => entry.Contains("AMIE: sent 2 Compute records in ", StringComparison.Ordinal) && entry.Contains("status 200", StringComparison.Ordinal));
        Assert.Contains(log.Entries, entry => entry.Contains("failed with status 503 on attempt 1", StringComparison.Ordinal));
        AssertNoKey([.. log.Entries]);
    }

    private static void AssertNoKey(params string[] texts)
    {
        foreach (var text in texts)
        {
            foreach (var key in Keys)
            {
                Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            }
        }
    }
}
