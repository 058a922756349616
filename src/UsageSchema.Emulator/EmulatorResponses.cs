using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator;

/// <summary>Writing answers and checking keys, shared by the three services.</summary>
internal static class EmulatorResponses
{
    /// <summary>The response header that lists the known forms the acceptance engine read a body through (for tests; clients ignore it).</summary>
    public const string FormsReadHeader = "X-Emulator-Known-Forms";

    /// <summary>Names, in <see cref="FormsReadHeader"/>, the known forms a body was read through, if any.</summary>
    public static void AddFormsRead(HttpContext context, Acceptance.AcceptanceVerdict verdict)
    {
        if (verdict.FormsRead.Count > 0)
        {
            context.Response.Headers[FormsReadHeader] = string.Join(", ", verdict.FormsRead);
        }
    }

    /// <summary>The member of an AMIE error answer that carries the message (the spec's <c>ErrorResponse</c>).</summary>
    private static readonly string ErrorMember = Acceptance.WireName.Of<UsageSchema.Amie.ErrorResponse>(nameof(UsageSchema.Amie.ErrorResponse.Error));

    public static Task WriteJsonErrorAsync(HttpContext context, int statusCode, string message) =>
        WriteJsonAsync(context, statusCode, new Dictionary<string, string> { [ErrorMember] = message });

    public static async Task WriteJsonAsync<T>(HttpContext context, int statusCode, T value)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = JsonSerializer.SerializeToUtf8Bytes(value, UsageJson.Options);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteTextAsync(HttpContext context, int statusCode, string text)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var body = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Compares a presented key with the expected one in time that does not depend on where they differ.</summary>
    public static bool KeyMatches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented.Trim()), Encoding.UTF8.GetBytes(expected));

    /// <summary>
    /// Reads the whole request body, up to <paramref name="limit"/> bytes; null when it is larger
    /// (by its <c>Content-Length</c> or while reading a chunked body).
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        // A body of a stated length is read into one array of that size: a large body (a 1000-record AMIE request is
        // about 350 KB) then costs one large-object allocation, not a growing stream's copies and its final copy.
        if (context.Request.ContentLength is { } length)
        {
            var exact = new byte[length];
            var filled = 0;
            while (filled < exact.Length)
            {
                var got = await context.Request.Body.ReadAsync(exact.AsMemory(filled), context.RequestAborted).ConfigureAwait(false);
                if (got == 0)
                {
                    return exact[..filled];
                }

                filled += got;
            }

            // More than it stated is not read: Kestrel ends the body at Content-Length.
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
