using Microsoft.Extensions.Options;
using UsageSchema.Errors;

namespace UsageSchema.Cli.Commands;

/// <summary>Turns the failures a command expects into a message on standard error and an exit code, never a stack trace.</summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (CliUsageException exception)
        {
            await Console.Error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (ArgumentException exception)
        {
            // A value the library refused before sending (an ID that is not one path segment).
            await Console.Error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception exception) when (exception is UsageServiceException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync("service error: " + exception.Message).ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }
    }
}
