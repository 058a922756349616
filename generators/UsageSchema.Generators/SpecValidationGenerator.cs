using Microsoft.CodeAnalysis;
using UsageSchema.Generators.Emit;
using UsageSchema.Generators.Model;
using UsageSchema.Generators.Pipeline;
using UsageSchema.Generators.Spec;

namespace UsageSchema.Generators;

/// <summary>
/// The pipeline. A spec is parsed in its own step, keyed by its text, so editing C# never re-parses
/// a spec; the NSwag classes are read through their attributes; the join and the emitted file are
/// per type, so editing one spec leaves the other specs' outputs cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpecValidationGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, cancellationToken) => SpecFileReader.Read(pair.Left, pair.Right.GetOptions(pair.Left), cancellationToken))
            .Where(file => file is not null)
            .WithTrackingName(TrackingNames.SpecFiles)
            .Select((file, cancellationToken) => SpecModelCache.GetOrParse(file!, cancellationToken))
            .WithTrackingName(TrackingNames.SpecModels);

        var classes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "System.CodeDom.Compiler.GeneratedCodeAttribute",
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                ClassModelFactory.Create)
            .Where(model => model is not null)
            .WithTrackingName(TrackingNames.GeneratedClasses)
            .Collect()
            // An ImmutableArray compares by reference; compared by content, an edit that changes
            // no generated class leaves everything downstream cached.
            .Select(static (all, _) => all.Select(model => model!).ToEquatableArray())
            .WithTrackingName(TrackingNames.AllGeneratedClasses);

        var types = specs
            .Combine(classes)
            .SelectMany(static (pair, cancellationToken) => TypeMatcher.Match(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.TypesToGenerate);

        context.RegisterSourceOutput(types, static (output, type) => output.AddSource(type.HintName, SourceEmitter.Emit(type)));

        // One shared interface per API (x-usage-record), over all its records.
        var recordInterfaces = types
            .Collect()
            .SelectMany(static (all, cancellationToken) => RecordInterfaces.Build(all, cancellationToken))
            .WithTrackingName(TrackingNames.RecordInterfaces);
        context.RegisterSourceOutput(recordInterfaces, static (output, type) => output.AddSource(type.HintName, RecordInterfaceEmitter.Emit(type)));

        // One shared interface per API (x-usage-message), over all its messages.
        var messageInterfaces = types
            .Collect()
            .SelectMany(static (all, cancellationToken) => RecordInterfaces.BuildMessages(all, cancellationToken))
            .WithTrackingName(TrackingNames.MessageInterfaces);
        context.RegisterSourceOutput(messageInterfaces, static (output, type) => output.AddSource(type.HintName, MessageInterfaceEmitter.Emit(type)));
    }
}
