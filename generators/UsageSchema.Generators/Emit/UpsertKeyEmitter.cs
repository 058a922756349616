using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Emit;

/// <summary>
/// Writes upsert-key equality: the <c>UpsertKey</c> value, <c>IEquatable&lt;T&gt;</c>,
/// <c>Equals</c>/<c>GetHashCode</c>/<c>==</c>/<c>!=</c> and a static <c>UpsertKeyComparer</c>.
/// Strings compare ordinally; date-times compare as instants through <c>DateTimeKey</c>.
/// </summary>
internal static class UpsertKeyEmitter
{
    private const string DateTimeKey = "global::UsageSchema.Validation.DateTimeKey";

    public static string KeyTypeName(TypeToGenerate type) => type.Name + "UpsertKey";

    public static void EmitMembers(CodeWriter writer, TypeToGenerate type)
    {
        var name = type.Name;
        var key = KeyTypeName(type);
        var wireNames = string.Join(", ", type.UpsertKey.Select(member => member.Member.WireName));
        var arguments = string.Join(", ", type.UpsertKey.Select(member => member.IsDateTime ? $"new {DateTimeKey}(this.{member.Member.Name})" : $"this.{member.Member.Name}"));

        writer.Line($"/// <summary>The members that identify this object to the service (x-upsert-key: {wireNames}).</summary>");
        writer.Line("[global::System.Text.Json.Serialization.JsonIgnore]");
        writer.Line($"public {key} UpsertKey => new {key}({arguments});").Line();

        writer.Line($"/// <summary>Compares <see cref=\"{name}\"/> objects by their upsert key.</summary>");
        writer.Line($"public static global::System.Collections.Generic.IEqualityComparer<{name}> UpsertKeyComparer {{ get; }} = new __UpsertKeyComparer();").Line();

        writer.Line("/// <summary>True when <paramref name=\"other\"/> has the same upsert key: the service would store one in place of the other.</summary>");
        writer.Line($"public bool Equals({name}? other) => other is not null && (ReferenceEquals(this, other) || UpsertKey.Equals(other.UpsertKey));").Line();
        writer.Line("/// <inheritdoc />");
        writer.Line($"public override bool Equals(object? obj) => Equals(obj as {name});").Line();
        writer.Line("/// <summary>The hash of the upsert key. The key is mutable: do not change it while the object is in a hashed collection.</summary>");
        writer.Line("public override int GetHashCode() => UpsertKey.GetHashCode();").Line();
        writer.Line("/// <summary>Compares by upsert key.</summary>");
        writer.Line($"public static bool operator ==({name}? left, {name}? right) => left is null ? right is null : left.Equals(right);").Line();
        writer.Line("/// <summary>Compares by upsert key.</summary>");
        writer.Line($"public static bool operator !=({name}? left, {name}? right) => !(left == right);").Line();

        using (writer.Block($"private sealed class __UpsertKeyComparer : global::System.Collections.Generic.IEqualityComparer<{name}>"))
        {
            writer.Line($"public bool Equals({name}? x, {name}? y) => x is null ? y is null : x.Equals(y);").Line();
            using (writer.Block($"public int GetHashCode({name} obj)"))
            {
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(obj);");
                writer.Line("return obj.UpsertKey.GetHashCode();");
            }
        }
    }

    public static void EmitKeyType(CodeWriter writer, TypeToGenerate type)
    {
        var parameters = string.Join(", ", type.UpsertKey.Select(member => $"{KeyMemberType(member)} {member.Member.Name}"));
        writer.Line($"/// <summary>The upsert key of <see cref=\"{type.Name}\"/>, in the order of the spec's x-upsert-key.</summary>");
        writer.Line($"public readonly record struct {KeyTypeName(type)}({parameters});");
    }

    private static string KeyMemberType(KeyMember member)
    {
        if (member.IsDateTime)
        {
            return DateTimeKey;
        }

        var nullable = member.Member.IsNullable || member.Member.Kind == MemberKind.String ? "?" : string.Empty;
        return member.Member.TypeName + nullable;
    }
}
