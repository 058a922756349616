using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace UsageSchema.Emulator;

/// <summary>Applies <see cref="FaultOptions"/> to each request of the services they are aimed at.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, EmulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var faults = options.Faults;
        var service = EmulatorRoutes.ServiceOf(context.Request.Path);
        if (service is not { } api || !faults.Services.Contains(api))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (faults.AddedDelay > TimeSpan.Zero)
        {
            await Task.Delay(faults.AddedDelay, context.RequestAborted).ConfigureAwait(false);
        }

        if (faults.Draw(faults.DropConnectionRate))
        {
            context.Abort();
            return;
        }

        if (faults.Draw(faults.TooManyRequestsRate))
        {
            var seconds = (long)Math.Ceiling(Math.Max(0, faults.RetryAfter.TotalSeconds));
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests (injected fault).").ConfigureAwait(false);
            return;
        }

        if (faults.Draw(faults.ErrorRate))
        {
            await EmulatorResponses.WriteJsonErrorAsync(context, faults.ErrorStatusCode, "Internal error (injected fault).").ConfigureAwait(false);
            return;
        }

        if (!faults.Draw(faults.MalformedBodyRate))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // The service processes the request into a buffer; a successful answer's body is then cut short.
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (context.Response.StatusCode is >= 200 and < 300)
        {
            var cut = Encoding.UTF8.GetString(body, 0, body.Length / 2);
            body = Encoding.UTF8.GetBytes("{\"Message\": \"" + cut.Replace("\"", string.Empty, StringComparison.Ordinal) + "\u0001");
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
        }

        context.Response.ContentLength = body.Length;
        await original.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
