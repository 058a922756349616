using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Amie;
using UsageSchema.Cli.Tests.EndToEnd;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Serialization;

namespace UsageSchema.Cli.Tests.Fidelity;

/// <summary>
/// What public clients send, through the real <c>usage-schema</c> process and a running emulator: gateway
/// submissions in every time form public gateway code writes (CSV and JSON Lines), and the AMIE messages
/// the reference client (amieclient 0.6.1) builds. Each is valid to the CLI and accepted by the emulator;
/// what the library sends for the same record is the spec's one documented form.
/// </summary>
public sealed class ClientFormFidelityTests
{
    /// <summary>The wire-form corpus's bodies that amieclient 0.6.1 itself built.</summary>
    public static TheoryData<string, int> AmieClientBodies => new()
    {
        { "amie/compute-amieclient-text-attributes.json", 1 },
        { "amie/storage-amieclient-text-attributes.json", 1 },
        { "amie/compute-amieclient-numbers.json", 2 },
        { "amie/adjustment-amieclient-refund.json", 1 },
    };

    [Theory]
    [InlineData("submissions.csv")]
    [InlineData("submissions.jsonl")]
    public async Task Every_gateway_time_form_validates_and_is_staged(string file)
    {
        var path = FidelityFixtures.Gateway(file);
        var validated = await CliProcess.RunAsync("validate", path);
        Assert.True(validated.ExitCode == 0, $"exit {validated.ExitCode}\n{validated.Output}\n{validated.Error}");
        Assert.Contains("11 record(s) read, 11 valid, 0 invalid or unreadable", validated.Output, StringComparison.Ordinal);

        await using var emulator = await EmulatorProcess.StartAsync();
        var (exitCode, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, ["send", "gateway", path, "--direct", "--json", "--url", emulator.Gateway.ToString()]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}\n{emulator.Errors}");
        Assert.Equal(11, JsonDocument.Parse(output).RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(11, (await ServiceContents.GatewayAsync(emulator, new DateOnly(2019, 5, 31))).Count);
    }

    [Fact]
    public void A_time_the_client_formats_itself_is_sent_as_yyyy_MM_dd_HH_mm_ss_zzz()
    {
        var when = new DateTimeOffset(2019, 5, 31, 14, 32, 0, TimeSpan.FromHours(-7));

        var form = GatewayAttributesClient.FormatSubmitTime(when);

        Assert.Equal("2019-05-31 14:32:00 -07:00", form);
    }

    [Theory]
    [MemberData(nameof(AmieClientBodies))]
    public async Task The_reference_clients_messages_validate_and_are_loaded(string body, int records)
    {
        var path = FidelityFixtures.WireForm(body);
        var validated = await CliProcess.RunAsync("validate", path);
        Assert.True(validated.ExitCode == 0, $"exit {validated.ExitCode}\n{validated.Output}\n{validated.Error}");

        await using var emulator = await EmulatorProcess.StartAsync();
        var (exitCode, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, ["send", "amie", path, "--direct", "--json", "--url", emulator.Amie.ToString()]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}\n{emulator.Errors}");
        Assert.Equal(records, JsonDocument.Parse(output).RootElement.GetProperty("accepted").GetInt32());
        Assert.Empty((await ServiceContents.AmieAsync(emulator)).Failed);
    }

    [Fact]
    public void What_the_library_sends_for_the_reference_clients_records_is_the_documented_form()
    {
        var compute = Resend("amie/compute-amieclient-text-attributes.json")["Records"]![0]!;
        Assert.Equal("256.0", compute["Charge"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, compute["Attributes"]!["NodeCount"]!.GetValueKind());
        Assert.Equal(128, compute["Attributes"]!["CpuCoreCount"]!.GetValue<int>());
        Assert.Null(compute["ParentRecordID"]); // amieclient's [null]: absent, never sent

        var numbers = Resend("amie/compute-amieclient-numbers.json")["Records"]!;
        Assert.Equal("4103941", numbers[0]!["LocalRecordID"]!.GetValue<string>()); // an integer on input, a string on the wire
        Assert.Equal("0.00001", numbers[0]!["Charge"]!.GetValue<string>()); // 1e-05 on input, a plain decimal string on the wire
        Assert.Equal("4103940", numbers[1]!["ParentRecordID"]!.GetValue<string>()); // ["4103940"]: the one id

        var storage = Resend("amie/storage-amieclient-text-attributes.json")["Records"]![0]!;
        Assert.Equal(10737418240L, storage["Attributes"]!["BytesStored"]!.GetValue<long>());
        Assert.Equal("10.0", storage["Charge"]!.GetValue<string>());
    }

    /// <summary>The body read the library's way and written as the library sends it.</summary>
    private static JsonNode Resend(string body)
    {
        var message = JsonSerializer.Deserialize<UsageMessage>(File.ReadAllBytes(FidelityFixtures.WireForm(body)), UsageJson.Options)!;
        Assert.True(message.IsValid(), string.Join("\n", message.Validate().Violations));
        return JsonNode.Parse(JsonSerializer.Serialize(message, UsageJson.Options))!;
    }
}
