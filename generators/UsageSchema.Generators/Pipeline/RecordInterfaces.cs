using System.Collections.Immutable;
using System.Text;
using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Pipeline;

/// <summary>
/// Gathers the records of each API that the spec marks <c>x-usage-record: &lt;api&gt;</c> into one
/// shared interface per API and namespace, e.g. <c>IAmieUsageRecord</c>, so that code can take the
/// records of one API without <c>object</c> and without a type switch.
/// </summary>
internal static class RecordInterfaces
{
    /// <summary><c>amie</c> becomes <c>IAmieUsageRecord</c>, <c>gateway-attributes</c> <c>IGatewayAttributesUsageRecord</c>.</summary>
    public static string InterfaceName(string api)
    {
        var name = new StringBuilder("I");
        foreach (var part in api.Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            name.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }

        return name.Append("UsageRecord").ToString();
    }

    public static ImmutableArray<RecordInterfaceToGenerate> Build(ImmutableArray<TypeToGenerate> types, CancellationToken cancellationToken)
    {
        var interfaces = ImmutableArray.CreateBuilder<RecordInterfaceToGenerate>();
        foreach (var group in types.Where(type => type.RecordInterface is not null).GroupBy(type => (type.Namespace, type.RecordInterface!)).OrderBy(group => group.Key.Namespace + "." + group.Key.Item2, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var records = group.OrderBy(type => type.Name, StringComparer.Ordinal).ToList();
            // The wire identity: the upsert-key members every record of the API has, with the same C# name and type.
            var members = records[0].UpsertKey
                .Select(key => key.Member)
                .Where(member => records.All(record => record.UpsertKey.Any(other => other.Member.Name == member.Name && other.Member.TypeName == member.TypeName && other.Member.IsNullable == member.IsNullable)))
                .Select(member => new InterfaceMember(member.Name, member.WireName, InterfaceType(member)));
            interfaces.Add(new RecordInterfaceToGenerate(
                records[0].SpecPath,
                group.Key.Namespace,
                group.Key.Item2,
                records[0].RecordApi!,
                members.ToEquatableArray(),
                records.Select(record => record.Name).ToEquatableArray()));
        }

        return interfaces.ToImmutable();
    }

    // The interface is get-only and nullable where the class member may be null: a class member
    // declared non-nullable still implements it.
    private static string InterfaceType(ClassMember member) =>
        member.IsNullable || member.Kind is MemberKind.String or MemberKind.Object or MemberKind.Collection or MemberKind.Other
            ? member.TypeName + "?"
            : member.TypeName;
}
