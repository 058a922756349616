using Microsoft.Extensions.Hosting;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageSchema.Amie;

// A loopback sink for measuring the client alone: every `POST /usage` (the spec's SendUsage, with or
// without the trailing slash amieclient adds) that carries the spec's security headers is answered with
// AMIE's documented success, 200 and {"Message": ..., "ValidationFailedRecords": []}, after its body was
// read to the end. Nothing is parsed, checked or kept, so what a send costs on this machine is the
// client's. Not an emulator: use `usage-schema emulate` for anything that must judge the records.
//
//     dotnet AmieSink.dll [--port N]
//
// Prints one JSON line {"amie": "<base URL>/"} once listening, on 127.0.0.1 only; at exit (SIGTERM,
// Ctrl+C) one line with the requests, records (counted as the number of "LocalRecordID" keys, a cheap
// scan) and body bytes it took.
var port = args.Length == 2 && args[0] == "--port" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Error);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(System.Net.IPAddress.Loopback, port);
    kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
});
var app = builder.Build();

const string BasePath = "/api/v1";
var operation = AmieUsageOperations.SendUsage;
var headers = operation.SecurityHeaders;
var answer = Encoding.UTF8.GetBytes("{\"Message\":\"Records have been queued for loading.\",\"ValidationFailedRecords\":[]}");
var marker = Encoding.UTF8.GetBytes("\"" + IAmieUsageRecord.WireNames.LocalRecordId + "\":");
long requests = 0, records = 0, bytes = 0;

async Task Sink(HttpContext context)
{
    foreach (var header in headers)
    {
        if (!context.Request.Headers.ContainsKey(header))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
    }

    var reader = context.Request.BodyReader;
    long count = 0, length = 0;
    while (true)
    {
        var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        foreach (var segment in read.Buffer)
        {
            // A key split across two segments is missed; the count is for the log, not a verdict.
            count += Occurrences(segment.Span, marker);
            length += segment.Length;
        }

        reader.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            break;
        }
    }

    Interlocked.Increment(ref requests);
    Interlocked.Add(ref records, count);
    Interlocked.Add(ref bytes, length);
    context.Response.StatusCode = StatusCodes.Status200OK;
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = answer.Length;
    await context.Response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
}

// Routing matches the path with or without a trailing slash.
app.MapMethods(BasePath + operation.PathTemplate, [operation.Method.Method], Sink);
await app.StartAsync().ConfigureAwait(false);
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"{{\"amie\":\"{address}{BasePath}/\"}}");
await Console.Out.FlushAsync().ConfigureAwait(false);
app.Lifetime.ApplicationStopping.Register(() =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"requests\":{Interlocked.Read(ref requests)},\"records\":{Interlocked.Read(ref records)},\"bytes\":{Interlocked.Read(ref bytes)}}}")));
await app.WaitForShutdownAsync().ConfigureAwait(false);

static long Occurrences(ReadOnlySpan<byte> span, ReadOnlySpan<byte> value)
{
    long count = 0;
    int at;
    while ((at = span.IndexOf(value)) >= 0)
    {
        count++;
        span = span[(at + value.Length)..];
    }

    return count;
}
