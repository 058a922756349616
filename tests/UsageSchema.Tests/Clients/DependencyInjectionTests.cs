using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.DependencyInjection;
using UsageSchema.GatewayAttributes;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Perseus;
using UsageSchema.Perseus.Client;
using UsageSchema.Secrets;

namespace UsageSchema.Tests.Clients;

public class DependencyInjectionTests
{
    [Fact]
    public async Task The_AMIE_sender_is_a_typed_client_of_the_factory_with_its_options_applied()
    {
        var handler = new ScriptedHandler();
        var services = new ServiceCollection();
        services.AddAmieUsageClient(options =>
        {
            options.ApiKey = new Secret(TestRecords.ApiKey);
            options.SiteName = "SDSC";
            options.BaseAddress = AmieClientOptions.TestBaseAddress;
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var result = await provider.GetRequiredService<IAmieUsageSender>().SendAsync(TestRecords.Compute());

        Assert.True(result.Succeeded);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://usage.access-ci.org/api/v1_test/usage", request.Uri.AbsoluteUri);
        Assert.Equal(TestRecords.ApiKey, request.Header(AmieUsageOperations.SecuritySchemes.XaApiKey));
        Assert.Equal(Timeout.InfiniteTimeSpan, provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IAmieUsageSender)).Timeout);
    }

    [Fact]
    public async Task The_gateway_and_PERSEUS_clients_resolve_and_send()
    {
        var gatewayHandler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, "Job attributes:\n  Job: 1\n", "text/plain"));
        var perseusHandler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.NoContent));
        var services = new ServiceCollection();
        services.AddGatewayAttributesClient(options => options.ApiKey = new Secret(TestRecords.GatewayKey)).ConfigurePrimaryHttpMessageHandler(() => gatewayHandler);
        services.AddPerseusUsageClient(options =>
        {
            options.BaseAddress = new Uri("https://perseus.example.org/api");
            options.Token = new Secret(TestRecords.PerseusToken);
        }).ConfigurePrimaryHttpMessageHandler(() => perseusHandler);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<IGatewayAttributesClient>().SubmitAsync("u", "expanse.sdsc.xsede.org", "1", DateTimeOffset.UnixEpoch);
        await provider.GetRequiredService<IPerseusUsageClient>().ReportAsync(TestRecords.Report());

        Assert.Equal(TestRecords.GatewayKey, Assert.Single(gatewayHandler.Requests).Header(GatewayAttributesOperations.SecuritySchemes.XaApiKey));
        Assert.Equal(TestRecords.PerseusToken, Assert.Single(perseusHandler.Requests).Header(PerseusOperations.SecuritySchemes.PerseusToken));
    }

    [Fact]
    public async Task A_TimeProvider_in_the_container_times_the_clients()
    {
        var time = new InstantTimeProvider();
        var handler = new ScriptedHandler()
            .Then(_ => ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable).WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(5))))
            .Then(HttpStatusCode.OK, "{\"FailedRecords\":[]}");
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddAmieUsageClient(options =>
        {
            options.ApiKey = new Secret(TestRecords.ApiKey);
            options.SiteName = "SDSC";
            options.Resilience = ClientFactory.FastRetries();
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IAmieUsageSender>().GetFailedRecordsAsync();

        Assert.Equal([TimeSpan.FromSeconds(5)], time.Waits);
    }

    [Fact]
    public async Task Missing_AMIE_settings_stop_the_start_with_every_problem_named()
    {
        var services = new ServiceCollection();
        services.AddAmieUsageClient(options => options.BaseAddress = null);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AmieClientOptions.BaseAddress is not set; set it to the service's base URL, e.g. https://usage.access-ci.org/api/v1.", error.Failures);
        Assert.Contains($"AmieClientOptions.ApiKey is not set; set it to the site's AMIE Usage API key (sent as {AmieUsageOperations.SecuritySchemes.XaApiKey}).", error.Failures);
        Assert.Contains($"AmieClientOptions.SiteName is not set; set it to the site name the key belongs to (sent as {AmieUsageOperations.SecuritySchemes.XaSite}).", error.Failures);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(2 * 1024 * 1024)]
    public void A_bad_cap_is_refused_with_the_allowed_range(int cap)
    {
        var options = ClientFactory.AmieOptions();
        options.MaxRequestBytes = cap;

        var result = new AmieClientOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"AmieClientOptions.MaxRequestBytes is {cap}; it must be between 256 and 1048576", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_refused_except_to_loopback()
    {
        var options = ClientFactory.AmieOptions();
        options.BaseAddress = new Uri("http://usage.access-ci.org/api/v1");
        var loopback = ClientFactory.AmieOptions();
        loopback.BaseAddress = new Uri("http://127.0.0.1:5080/api/v1");

        Assert.Contains("the key would travel in clear text", Assert.Single(new AmieClientOptionsValidator().Validate(null, options).Failures!), StringComparison.Ordinal);
        Assert.True(new AmieClientOptionsValidator().Validate(null, loopback).Succeeded);
    }

    [Fact]
    public void Unusable_resilience_settings_are_named()
    {
        var options = new PerseusClientOptions { BaseAddress = new Uri("https://perseus.example.org/api"), Token = new Secret("t") };
        options.Resilience.MaxRetryAttempts = -1;
        options.Resilience.AttemptTimeout = TimeSpan.FromMinutes(20);
        options.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(5);

        var failures = new PerseusClientOptionsValidator().Validate(null, options).Failures!;

        Assert.Contains("PerseusClientOptions.Resilience.MaxRetryAttempts is -1; it must be 0 (no retries) or more.", failures);
        Assert.Contains("PerseusClientOptions.Resilience.TotalTimeout is 00:00:00.0050000; it must be between 10 ms and 24 hours, or Timeout.InfiniteTimeSpan to disable it.", failures);
        Assert.Contains("PerseusClientOptions.Resilience.AttemptTimeout (00:20:00) is longer than TotalTimeout (00:00:00.0050000); one attempt could never use it.", failures);
    }

    [Fact]
    public void PERSEUS_needs_its_base_url_and_token()
    {
        var failures = new PerseusClientOptionsValidator().Validate(null, new PerseusClientOptions()).Failures!;

        Assert.Equal(2, failures.Count());
        Assert.Contains(failures, failure => failure.StartsWith("PerseusClientOptions.BaseAddress is not set", StringComparison.Ordinal));
        Assert.Contains("PerseusClientOptions.Token is not set; set it to the PERSEUS token (sent as Perseus-Token).", failures);
    }

    [Fact]
    public async Task A_gateway_key_file_readable_by_others_stops_the_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var file = KeyFile.Create("apikey=k\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var services = new ServiceCollection();
        services.AddGatewayAttributesClient(options => options.ApiKeyFile = file.Path);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"chmod 600 '{file.Path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_key_and_key_file_together_are_ambiguous()
    {
        var options = new GatewayAttributesClientOptions { ApiKey = new Secret("k"), ApiKeyFile = "/etc/gateway-key" };

        var failure = Assert.Single(new GatewayAttributesClientOptionsValidator().Validate(null, options).Failures!);

        Assert.Contains("both set", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_are_traced_on_the_UsageSchema_activity_source()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == UsageSchemaTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var sender = ClientFactory.Amie(new ScriptedHandler());

        await sender.SendAsync([TestRecords.Compute("1"), TestRecords.Compute("2")]);

        List<Activity> seen;
        lock (activities)
        {
            seen = [.. activities];
        }

        var request = Assert.Single(seen, activity => activity.OperationName == "UsageSchema.Request" && Equals(activity.GetTagItem("usage.records"), 2));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        var send = Assert.Single(seen, activity => activity.OperationName == "UsageSchema.Amie.Send" && Equals(activity.GetTagItem("usage.records_read"), 2L));
        Assert.Equal(2L, send.GetTagItem("usage.records_accepted"));
        Assert.DoesNotContain(seen.SelectMany(activity => activity.Tags), tag => tag.Value?.Contains(TestRecords.ApiKey, StringComparison.Ordinal) == true);
    }
}
