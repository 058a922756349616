using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// <c>usage-schema emulate</c> driven as a client nobody here wrote would drive it: a plain
/// <see cref="HttpClient"/>, raw JSON from the AMIE documentation's shapes, no UsageSchema type.
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class PlainHttpClientTests
{
    private const string Record = """
        {"UsageType": "Compute", "Records": [{"Username": "jdoe", "LocalProjectID": "csd123", "LocalRecordID": "plain-1",
          "Resource": "expanse.sdsc.access-ci.org", "SubmitTime": "2024-03-01T08:15:00-08:00", "StartTime": "2024-03-01T08:20:12-08:00",
          "EndTime": "2024-03-01T10:20:12-08:00", "Charge": "256.0", "Attributes": {"NodeCount": 1, "CpuCoreCount": 128}},
          {"Username": "jdoe", "LocalProjectID": "csd123", "LocalRecordID": "plain-2",
          "Resource": "expanse.sdsc.access-ci.org", "SubmitTime": "2024-03-01T08:15:00-08:00", "StartTime": "2024-03-01T08:20:12-08:00",
          "EndTime": "2024-03-01T10:20:12-08:00", "Charge": "1.0", "Attributes": {"NodeCount": 0}}]}
        """;

    [Fact]
    public async Task Emulator_AnswersARawHttpClient_AuthPostStatusFailed()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.Amie };

        using (var anonymous = await http.PostAsync(UsageSchema.Amie.AmieUsageOperations.SendUsage.RelativePath(), new StringContent(Record, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        http.DefaultRequestHeaders.Add(UsageSchema.Amie.AmieUsageOperations.SecuritySchemes.XaApiKey, EmulatorProcess.AmieKey);
        http.DefaultRequestHeaders.Add(UsageSchema.Amie.AmieUsageOperations.SecuritySchemes.XaSite, EmulatorProcess.AmieSite);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using (var posted = await http.PostAsync(UsageSchema.Amie.AmieUsageOperations.SendUsage.RelativePath(), new StringContent(Record, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            using var answer = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
            Assert.Equal("1 records have been queued for loading.", answer.RootElement.GetProperty("Message").GetString());
            var failed = answer.RootElement.GetProperty("ValidationFailedRecords").EnumerateArray().Single();
            Assert.Equal("plain-2", failed.GetProperty("LocalRecordID").GetString());
        }

        // --load-delay 0: the queued record counts as loaded at once.
        using (var status = JsonDocument.Parse(await http.GetStringAsync(UsageSchema.Amie.AmieUsageOperations.GetUsageStatus.RelativePath())))
        {
            var resource = status.RootElement.EnumerateArray().Single();
            Assert.Equal("expanse.sdsc.access-ci.org", resource.GetProperty("Resource").GetString());
            Assert.Equal(1, resource.GetProperty("LoadedRecordCount").GetInt64());
            Assert.Equal(1, resource.GetProperty("FailedJobCount").GetInt64());
            Assert.Equal(256.0, resource.GetProperty("TotalCharge").GetDouble());
        }

        using (var failedList = JsonDocument.Parse(await http.GetStringAsync(UsageSchema.Amie.AmieUsageOperations.GetFailedRecords.RelativePath())))
        {
            var failed = failedList.RootElement.GetProperty("FailedRecords").EnumerateArray().Single();
            Assert.Equal("plain-2", failed.GetProperty("LocalRecordID").GetString());
            Assert.Contains("NodeCount", failed.GetProperty("Error").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(failed.GetProperty("FailedRecordID").GetString()));
        }
    }
}
