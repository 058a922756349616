using UsageSchema.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
