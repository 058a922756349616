namespace UsageSchema.Generators.Model;

/// <summary>
/// Everything the emitter writes for one class: spec constraints joined with C# members, and the
/// shared record interface of its API it implements (from <c>x-usage-record</c>), if any.
/// </summary>
internal sealed record TypeToGenerate(
    string SpecPath,
    string Namespace,
    string Name,
    bool IsAbstract,
    bool HasGeneratedBase,
    bool BaseIsAbstract,
    EquatableArray<MemberToValidate> Members,
    EquatableArray<RuleToEmit> Rules,
    EquatableArray<KeyMember> UpsertKey,
    string? RecordApi,
    string? RecordInterface,
    string? UsageType,
    ClassWriting Writing = ClassWriting.Unsupported,
    EquatableArray<WireMember> WireMembers = default,
    MessageOfInterface? Message = null)
{
    public string HintName => $"{Namespace}.{Name}.UsageSchema.g.cs";
}

/// <summary>
/// A message implementing its API's shared message interface (<c>x-usage-message</c>): the
/// interface, the API's record interface its records are read as, and the C# member that holds
/// them (its one array member; null for an abstract base, whose subclasses name theirs).
/// </summary>
internal sealed record MessageOfInterface(string Interface, string RecordInterface, string? RecordsMember);

/// <summary>
/// A shared message interface of one API (<c>x-usage-message</c>): its records as the API's record
/// interface, and the messages that implement it.
/// </summary>
internal sealed record MessageInterfaceToGenerate(string SpecPath, string Namespace, string Name, string RecordInterface, EquatableArray<string> Messages)
{
    public string HintName => $"{Namespace}.{Name}.UsageSchema.g.cs";
}

/// <summary>A serialized member in the class's declaration order (the serializer's), and whether the spec says <c>format: decimal</c>.</summary>
internal sealed record WireMember(ClassMember Member, bool IsDecimal);

/// <summary>A member to validate: its C# side and its spec constraints.</summary>
internal sealed record MemberToValidate(ClassMember Member, SchemaMember Spec);

/// <summary>A cross-field rule resolved to C# members.</summary>
internal sealed record RuleToEmit(string Text, ClassMember Left, string Operator, ClassMember Right, bool CompareAsInstants);

/// <summary>One member of an upsert key.</summary>
internal sealed record KeyMember(ClassMember Member, bool IsDateTime);

/// <summary>
/// A shared record interface of one API (<c>x-usage-record</c>): the members of the upsert key that
/// every record carrying it has alike (the wire identity), and the records that implement it.
/// </summary>
internal sealed record RecordInterfaceToGenerate(
    string SpecPath,
    string Namespace,
    string Name,
    string Api,
    EquatableArray<InterfaceMember> Members,
    EquatableArray<RecordOfInterface> Records)
{
    public string HintName => $"{Namespace}.{Name}.UsageSchema.g.cs";
}

/// <summary>
/// A get-only member of a record interface: its C# name and type, its wire name, whether it is a
/// date-time (compared as an instant) and whether the spec requires it.
/// </summary>
internal sealed record InterfaceMember(string Name, string WireName, string TypeName, bool IsDateTime, bool IsRequired);

/// <summary>A record implementing a record interface, and its <c>x-usage-type</c> (or null).</summary>
internal sealed record RecordOfInterface(string Name, string? UsageType);
