namespace UsageSchema.Generators.Model;

/// <summary>A class NSwag generated, as far as the generator needs it: its members by wire name.</summary>
internal sealed record ClassModel(
    string Namespace,
    string Name,
    bool IsAbstract,
    bool HasGeneratedBase,
    bool BaseIsAbstract,
    EquatableArray<ClassMember> Members);

/// <summary>One property of a generated class and the wire name in its <c>[JsonPropertyName]</c>.</summary>
internal sealed record ClassMember(
    string Name,
    string WireName,
    MemberKind Kind,
    bool IsNullable,
    string TypeName,
    EquatableArray<string> EnumMembers,
    bool IsValidatable);

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
