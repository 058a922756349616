// A gateway's reporting job in miniature: builds its usage messages and prints them.
using System.Text.Json;
using GatewayConsumer;
using UsageSchema.Amie;
using UsageSchema.Serialization;

var message = CorrectRecords.ComputeMessage();
foreach (var violation in message.Validate().Violations)
{
    Console.WriteLine(violation);
}

Console.WriteLine(JsonSerializer.Serialize<UsageMessage>(message, UsageJson.IndentedOptions));
Console.WriteLine(JsonSerializer.Serialize(CorrectRecords.PerseusReport(), UsageJson.IndentedOptions));
Console.WriteLine(JsonSerializer.Serialize(CorrectRecords.JobAttributes(), UsageJson.IndentedOptions));
