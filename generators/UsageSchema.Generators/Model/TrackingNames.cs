namespace UsageSchema.Generators.Model;

/// <summary>The names of the pipeline's steps, for the incrementality tests.</summary>
internal static class TrackingNames
{
    public const string SpecFiles = nameof(SpecFiles);
    public const string SpecModels = nameof(SpecModels);
    public const string GeneratedClasses = nameof(GeneratedClasses);
    public const string AllGeneratedClasses = nameof(AllGeneratedClasses);
    public const string TypesToGenerate = nameof(TypesToGenerate);
    public const string RecordInterfaces = nameof(RecordInterfaces);
    public const string MessageInterfaces = nameof(MessageInterfaces);
}
