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

    /// <summary><c>amie</c> becomes <c>IAmieUsageMessage</c>: the shared message interface of <c>x-usage-message</c>.</summary>
    public static string MessageInterfaceName(string api) => InterfaceName(api).Substring(0, InterfaceName(api).Length - "Record".Length) + "Message";

    /// <summary>
    /// Gathers the messages of each API that the spec marks <c>x-usage-message: &lt;api&gt;</c> into
    /// one shared interface per API and namespace, e.g. <c>IAmieUsageMessage</c>.
    /// </summary>
    public static ImmutableArray<MessageInterfaceToGenerate> BuildMessages(ImmutableArray<TypeToGenerate> types, CancellationToken cancellationToken)
    {
        var interfaces = ImmutableArray.CreateBuilder<MessageInterfaceToGenerate>();
        foreach (var group in types.Where(type => type.Message is not null).GroupBy(type => (type.Namespace, type.Message!.Interface)).OrderBy(group => group.Key.Namespace + "." + group.Key.Interface, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var messages = group.OrderBy(type => type.Name, StringComparer.Ordinal).ToList();
            interfaces.Add(new MessageInterfaceToGenerate(
                messages[0].SpecPath,
                group.Key.Namespace,
                group.Key.Interface,
                messages[0].Message!.RecordInterface,
                messages.Select(message => message.Name).ToEquatableArray()));
        }

        return interfaces.ToImmutable();
    }

    /// <summary><c>amie</c> becomes <c>Amie</c>, <c>gateway-attributes</c> <c>GatewayAttributes</c>: the member of <c>UsageSchema.UsageApi</c>.</summary>
    public static string ApiMember(string api) => InterfaceName(api).Substring(1, InterfaceName(api).Length - 1 - "UsageRecord".Length);

    public static ImmutableArray<RecordInterfaceToGenerate> Build(ImmutableArray<TypeToGenerate> types, CancellationToken cancellationToken)
    {
        var interfaces = ImmutableArray.CreateBuilder<RecordInterfaceToGenerate>();
        foreach (var group in types.Where(type => type.RecordInterface is not null).GroupBy(type => (type.Namespace, type.RecordInterface!)).OrderBy(group => group.Key.Namespace + "." + group.Key.Item2, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var records = group.OrderBy(type => type.Name, StringComparer.Ordinal).ToList();
            // The wire identity: the upsert-key members every record of the API has, with the same C# name and type.
            var members = records[0].UpsertKey
                .Where(key => records.All(record => record.UpsertKey.Any(other => other.Member.Name == key.Member.Name && other.Member.TypeName == key.Member.TypeName && other.Member.IsNullable == key.Member.IsNullable)))
                .Select(key => new InterfaceMember(key.Member.Name, key.Member.WireName, InterfaceType(key.Member), key.IsDateTime, records.All(record => IsRequired(record, key.Member.Name))));
            interfaces.Add(new RecordInterfaceToGenerate(
                records[0].SpecPath,
                group.Key.Namespace,
                group.Key.Item2,
                records[0].RecordApi!,
                members.ToEquatableArray(),
                records.Select(record => new RecordOfInterface(record.Name, record.UsageType)).ToEquatableArray()));
        }

        return interfaces.ToImmutable();
    }

    private static bool IsRequired(TypeToGenerate record, string member) =>
        record.Members.Any(candidate => candidate.Member.Name == member && candidate.Spec.Constraints.Required);

    // The interface is get-only and nullable where the class member may be null: a class member
    // declared non-nullable still implements it.
    private static string InterfaceType(ClassMember member) =>
        member.IsNullable || member.Kind is MemberKind.String or MemberKind.Object or MemberKind.Collection or MemberKind.Other
            ? member.TypeName + "?"
            : member.TypeName;
}
