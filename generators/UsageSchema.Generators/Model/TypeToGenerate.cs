namespace UsageSchema.Generators.Model;

/// <summary>Everything the emitter writes for one class: spec constraints joined with C# members.</summary>
internal sealed record TypeToGenerate(
    string SpecPath,
    string Namespace,
    string Name,
    bool IsAbstract,
    bool HasGeneratedBase,
    bool BaseIsAbstract,
    EquatableArray<MemberToValidate> Members,
    EquatableArray<RuleToEmit> Rules,
    EquatableArray<KeyMember> UpsertKey)
{
    public string HintName => $"{Namespace}.{Name}.UsageSchema.g.cs";
}

/// <summary>A member to validate: its C# side and its spec constraints.</summary>
internal sealed record MemberToValidate(ClassMember Member, SchemaMember Spec);

/// <summary>A cross-field rule resolved to C# members.</summary>
internal sealed record RuleToEmit(string Text, ClassMember Left, string Operator, ClassMember Right, bool CompareAsInstants);

/// <summary>One member of an upsert key.</summary>
internal sealed record KeyMember(ClassMember Member, bool IsDateTime);
