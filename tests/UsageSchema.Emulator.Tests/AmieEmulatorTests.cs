using System.Net;
using System.Text;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Errors;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator.Tests;

public sealed class AmieEmulatorTests
{
    private const string Resource = "expanse.sdsc.access-ci.org";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Sender_posts_valid_records_and_the_emulator_queues_them()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var result = await emulator.Amie().SendAsync([EmulatorFixture.Compute("1"), EmulatorFixture.Compute("2")]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, result.RecordsAccepted);
        Assert.Equal("2 records have been queued for loading.", result.Requests.Single().Response!.Message);
    }

    [Fact]
    public async Task Post_with_trailing_slash_and_lower_case_headers_is_accepted()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var message = new ComputeUsageMessage { Records = { EmulatorFixture.Compute("1") } };
        using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath() + "/", Json(JsonSerializer.Serialize<UsageMessage>(message, UsageJson.Options)));
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("1 records have been queued for loading.", body.RootElement.GetProperty("Message").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("ValidationFailedRecords").GetArrayLength());
        Assert.False(body.RootElement.TryGetProperty("FailedRecords", out _));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("wrong-key", "EMULATOR")]
    [InlineData("amie-emulator-key", "OTHER-SITE")]
    [InlineData("amie-emulator-key", null)]
    public async Task Missing_or_wrong_credentials_are_answered_401(string? key, string? site)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Host.AmieBaseAddress, AmieUsageOperations.GetFailedRecords.RelativePath()));
        if (key is not null)
        {
            request.Headers.Add(AmieUsageOperations.SecuritySchemes.XaApiKey, key);
        }

        if (site is not null)
        {
            request.Headers.Add(AmieUsageOperations.SecuritySchemes.XaSite, site);
        }

        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Sender_with_a_wrong_key_stops_with_an_authentication_failure()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var result = await emulator.Amie(options => options.ApiKey = new Secrets.Secret("nope")).SendAsync([EmulatorFixture.Compute("1")]);

        Assert.IsType<ServiceAuthenticationException>(result.StoppedBy);
        Assert.Equal(401, result.StoppedBy!.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_limit_is_answered_413()
    {
        await using var emulator = await EmulatorFixture.StartAsync(options => options.MaxRequestBodyBytes = 1024);
        var message = new ComputeUsageMessage();
        for (var i = 0; i < 20; i++)
        {
            message.Records.Add(EmulatorFixture.Compute(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath(), Json(JsonSerializer.Serialize<UsageMessage>(message, UsageJson.Options)));
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1024", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sender_splits_on_413_and_every_record_is_stored()
    {
        await using var emulator = await EmulatorFixture.StartAsync(options => options.MaxRequestBodyBytes = 2048);
        var records = Enumerable.Range(0, 30).Select(i => EmulatorFixture.Compute(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var result = await emulator.Amie().SendAsync(records);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(30, result.RecordsAccepted);
        Assert.Contains(result.Requests, request => request.SplitDepth > 0);

        emulator.Clock.Advance(TimeSpan.FromMinutes(10));
        var status = await emulator.Amie().GetStatusAsync();
        Assert.Equal(30, Assert.Single(status).LoadedRecordCount);
    }

    [Fact]
    public async Task Invalid_records_are_returned_as_failed_records_and_kept_with_ids()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        const string Body = """
            {"UsageType": "Compute", "Records": [
              {"Username": "u1", "LocalProjectID": "p1", "LocalRecordID": "r1", "Resource": "res.example.org", "SubmitTime": "2021-01-01T00:00:00Z",
               "StartTime": "2021-01-01T00:00:00Z", "EndTime": "2021-01-01T01:00:00Z", "Charge": "1.5", "Attributes": {"NodeCount": 1}},
              {"LocalProjectID": "p1", "LocalRecordID": "r2", "Resource": "res.example.org", "SubmitTime": "2021-01-01T00:00:00Z",
               "StartTime": "2021-01-01T00:00:00Z", "EndTime": "2021-01-01T01:00:00Z", "Charge": 2, "Attributes": {"NodeCount": 1}, "LocalReference": "mine"},
              {"Username": "u1", "LocalProjectID": "p1", "LocalRecordID": "r3", "Resource": "res.example.org", "SubmitTime": "2021-01-01T00:00:00Z",
               "StartTime": "2021-01-01T00:00:00Z", "EndTime": "2021-01-01T01:00:00Z", "Charge": "1", "Attributes": {"NodeCount": "many"}}
            ]}
            """;
        using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath(), Json(Body));
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var parsed = JsonSerializer.Deserialize<UsageResponse>(text, UsageJson.Options)!;

        Assert.Equal("1 records have been queued for loading.", parsed.Message);
        Assert.Null(parsed.FailedRecords);
        Assert.Equal(2, parsed.ValidationFailedRecords!.Count);
        var missing = parsed.ValidationFailedRecords[0];
        Assert.Equal(UsageType.Compute, missing.UsageType);
        Assert.Contains("Username", missing.Error, StringComparison.Ordinal);
        Assert.Equal("r2", missing.LocalRecordId);
        Assert.Equal("mine", missing.LocalReference);
        Assert.False(string.IsNullOrEmpty(missing.FailedRecordId));
        Assert.Contains("Records[1].Username: is required", missing.Error, StringComparison.Ordinal);
        Assert.StartsWith("Records[2].Attributes.NodeCount:", parsed.ValidationFailedRecords[1].Error, StringComparison.Ordinal);

        var kept = await emulator.Amie().GetFailedRecordsAsync();
        Assert.Equal(parsed.ValidationFailedRecords.Select(failure => failure.FailedRecordId), kept.Select(failure => failure.FailedRecordId));
    }

    [Fact]
    public async Task A_duplicate_LocalRecordID_for_a_resource_becomes_a_failed_record()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var sender = emulator.Amie();
        Assert.True((await sender.SendAsync(EmulatorFixture.Compute("42"))).Succeeded);

        var again = await sender.SendAsync([EmulatorFixture.Compute("42"), EmulatorFixture.Compute("42", resource: "bridges2.psc.access-ci.org")]);

        var failure = Assert.Single(again.ServiceFailedRecords);
        Assert.Equal("Duplicate LocalRecordID", failure.Error);
        Assert.Equal(Resource, failure.Resource);
        Assert.Equal("1 records have been queued for loading.", again.Requests.Single().Response!.Message);
    }

    [Fact]
    public async Task A_LocalRecordID_repeated_within_one_request_is_queued_once_and_the_repeat_fails()
    {
        await using var emulator = await EmulatorFixture.StartAsync();

        var result = await emulator.Amie().SendAsync([EmulatorFixture.Compute("7"), EmulatorFixture.Compute("8"), EmulatorFixture.Compute("7")]);

        var failure = Assert.Single(result.ServiceFailedRecords);
        Assert.Equal("Duplicate LocalRecordID", failure.Error);
        Assert.Equal("7", failure.LocalRecordId);
        Assert.Equal("2 records have been queued for loading.", result.Requests.Single().Response!.Message);
    }

    [Fact]
    public async Task Status_counts_records_once_the_load_delay_has_passed()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var sender = emulator.Amie();
        await sender.SendAsync([EmulatorFixture.Compute("1", charge: "2.5"), EmulatorFixture.Compute("2", charge: "1.5")]);
        await sender.SendAsync(EmulatorFixture.Compute("1"));

        var before = Assert.Single(await sender.GetStatusAsync());
        Assert.Equal(0, before.LoadedRecordCount);
        Assert.Equal(1, before.FailedJobCount);

        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        var after = Assert.Single(await sender.GetStatusAsync());
        Assert.Equal(Resource, after.Resource);
        Assert.Equal(2, after.LoadedRecordCount);
        Assert.Equal(4.0, after.TotalCharge, 6);
        Assert.Equal(1, after.FailedJobCount);
        var group = Assert.Single(after.Errors!);
        Assert.Equal("Duplicate LocalRecordID", group.Error);
        Assert.Single(group.Records!);

        // A window that ends before anything was processed is empty; date-only bounds are accepted.
        Assert.Empty(await sender.GetStatusAsync("2020-01-01", "2020-12-31"));
        Assert.Equal(2, Assert.Single(await sender.GetStatusAsync(EmulatorFixture.Start.AddHours(-1), EmulatorFixture.Start.AddHours(1))).LoadedRecordCount);
    }

    [Fact]
    public async Task Status_with_the_system_clock_and_a_tiny_delay()
    {
        await using var emulator = await EmulatorFixture.StartAsync(options =>
        {
            options.TimeProvider = TimeProvider.System;
            options.AmieLoadDelay = TimeSpan.FromMilliseconds(50);
        });
        var sender = emulator.Amie();
        await sender.SendAsync(EmulatorFixture.Compute("1"));
        await Task.Delay(TimeSpan.FromMilliseconds(120));

        Assert.Equal(1, Assert.Single(await sender.GetStatusAsync()).LoadedRecordCount);
    }

    [Fact]
    public async Task Failed_records_are_listed_and_cleared()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var sender = emulator.Amie();
        await sender.SendAsync(EmulatorFixture.Compute("1"));
        await sender.SendAsync(EmulatorFixture.Compute("1"));
        await sender.SendAsync(EmulatorFixture.Compute("1"));
        var failed = await sender.GetFailedRecordsAsync();
        Assert.Equal(2, failed.Count);

        var cleared = await sender.ClearFailedRecordsAsync([failed[0]]);
        Assert.Equal(1, cleared.Requests);
        Assert.Equal(failed[1].FailedRecordId, Assert.Single(await sender.GetFailedRecordsAsync()).FailedRecordId);

        using var request = emulator.AmieRequest(HttpMethod.Delete, AmieUsageOperations.ClearFailedRecords.RelativePath(failed[1].FailedRecordId + ",999"));
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await sender.GetFailedRecordsAsync());
    }

    [Theory]
    [InlineData("{\"UsageType\": \"Compute\", \"Records\": [")]
    [InlineData("[1, 2]")]
    [InlineData("{\"UsageType\": \"Cpu\", \"Records\": []}")]
    [InlineData("{\"UsageType\": \"Compute\", \"Records\": []}")]
    public async Task Malformed_messages_are_answered_400_with_an_error(string body)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath(), Json(body));
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var parsed = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(parsed.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_reference_clients_stray_ParentRecordID_null_tuple_is_tolerated()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        const string Body = """
            {"UsageType": "Compute", "Records": [{"Username": "u1", "LocalProjectID": "p1", "LocalRecordID": 1, "Resource": "res.example.org",
              "SubmitTime": "2021-01-01T00:00:00Z", "StartTime": "2021-01-01T00:00:00Z", "EndTime": "2021-01-01T01:00:00Z", "Charge": 1.5,
              "Attributes": {"NodeCount": 1}, "ParentRecordID": [null]}]}
            """;
        using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath() + "/", Json(Body));
        using var response = await emulator.Http.SendAsync(request);

        var parsed = JsonSerializer.Deserialize<UsageResponse>(await response.Content.ReadAsStringAsync(), UsageJson.Options)!;
        Assert.Equal("1 records have been queued for loading.", parsed.Message);
        Assert.Empty(parsed.ValidationFailedRecords!);
    }

    [Fact]
    public async Task A_storage_file_keeps_records_across_restarts()
    {
        var path = Path.Combine(Path.GetTempPath(), "usage-emulator-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using (var first = await EmulatorFixture.StartAsync(options => options.StoragePath = path))
            {
                await first.Amie().SendAsync(EmulatorFixture.Compute("7"));
            }

            await using var second = await EmulatorFixture.StartAsync(options => options.StoragePath = path);
            var again = await second.Amie().SendAsync(EmulatorFixture.Compute("7"));
            Assert.Equal("Duplicate LocalRecordID", Assert.Single(again.ServiceFailedRecords).Error);
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
