namespace UsageSchema.Generators.Model;

/// <summary>
/// A class NSwag generated, as far as the generator needs it: its members by wire name, in
/// declaration order (the serializer's order), and whether its wire form is plain enough for a
/// generated writer (<see cref="Writing"/>).
/// </summary>
internal sealed record ClassModel(
    string Namespace,
    string Name,
    bool IsAbstract,
    bool HasGeneratedBase,
    bool BaseIsAbstract,
    EquatableArray<ClassMember> Members,
    ClassWriting Writing = ClassWriting.Unsupported);

/// <summary>What a generated JSON writer may assume of a class.</summary>
internal enum ClassWriting
{
    /// <summary>Something the serializer does that a writer would have to restate (a class-level converter, polymorphism, a public member without a wire name): no writer.</summary>
    Unsupported,

    /// <summary>Every serialized member has a wire name; no extension data.</summary>
    Plain,

    /// <summary>As <see cref="Plain"/>, with NSwag's extension data in its <c>_additionalProperties</c> field.</summary>
    PlainWithExtensionData,
}

/// <summary>
/// One property of a generated class and the wire name in its <c>[JsonPropertyName]</c>;
/// <see cref="IsPlainlyWritten"/> when no attribute changes how the serializer writes it (no
/// converter, number handling or ignore condition but <c>WhenWritingNull</c>).
/// </summary>
internal sealed record ClassMember(
    string Name,
    string WireName,
    MemberKind Kind,
    bool IsNullable,
    string TypeName,
    EquatableArray<string> EnumMembers,
    bool IsValidatable,
    bool IsPlainlyWritten = false);

/// <summary>What a member's C# type is, as far as validation cares.</summary>
internal enum MemberKind
{
    Other,
    String,
    Integer,
    Number,
    Enum,
    Object,
    Collection,
}
