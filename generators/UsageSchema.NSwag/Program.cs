using NSwag;
using UsageSchema.NSwag;

// Usage: UsageSchema.NSwag <output-dir> <spec-path>|<namespace>|<operations-class> ...
// Writes, per spec, <spec>.g.cs (the record types, by NSwag) and <spec>.operations.g.cs (the
// operations' routes, methods, parameter names and security headers; see OperationsEmitter).
// Errors are written in MSBuild's canonical format ("path(line,col): error CODE: message") so that
// a spec NSwag cannot read fails the build on the spec, not on a C# error in half-generated code.
if (args.Length < 2)
{
    Console.Error.WriteLine("UsageSchema.NSwag: error USN0002: usage: UsageSchema.NSwag <output-dir> <spec>|<namespace>|<operations-class> ...");
    return 2;
}

var outputDirectory = args[0];
Directory.CreateDirectory(outputDirectory);
var failed = false;
foreach (var argument in args.Skip(1))
{
    if (!SpecTarget.TryParse(argument, out var target))
    {
        Console.Error.WriteLine($"UsageSchema.NSwag: error USN0002: expected <spec>|<namespace>|<operations-class>, got '{argument}'");
        return 2;
    }

    try
    {
        var document = await OpenApiYamlDocument.FromFileAsync(target.SpecPath).ConfigureAwait(false);
        var types = TypeCodeGenerator.Generate(document, target);
        var operations = OperationsEmitter.Emit(document, target);
        GeneratedFile.WriteIfChanged(Path.Combine(outputDirectory, target.OutputFileName), types);
        GeneratedFile.WriteIfChanged(Path.Combine(outputDirectory, target.OperationsFileName), operations);
    }
#pragma warning disable CA1031 // Any failure of NSwag on a spec must become a build error that names the spec.
    catch (Exception ex)
#pragma warning restore CA1031
    {
        failed = true;
        Console.Error.WriteLine(SpecError.Format(target.SpecPath, ex));
    }
}

return failed ? 1 : 0;
