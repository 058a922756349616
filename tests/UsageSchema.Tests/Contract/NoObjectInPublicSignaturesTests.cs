using System.Reflection;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Contract;

/// <summary>
/// A public signature of the library says what it holds: no <see cref="object"/> (bare, nullable,
/// or inside a generic, an array or a delegate) in a public or protected member of a hand-written
/// or generated type. Overrides of members declared outside the library (<c>Equals(object)</c>,
/// <c>TypeConverter.ConvertFrom</c>) keep the signature the framework gives them.
/// </summary>
public class NoObjectInPublicSignaturesTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void No_public_member_of_the_library_takes_or_returns_object()
    {
        var misses = typeof(UsageJson).Assembly.GetExportedTypes()
            .SelectMany(type => Members(type).Select(member => (member.Name, Types: member.Types, Type: type)))
            .Where(member => member.Types.Any(HoldsObject))
            .Select(member => $"{member.Type.FullName}.{member.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(misses.Count == 0, "object in a public signature:\n" + string.Join("\n", misses));
    }

    [Fact]
    public void The_check_sees_object_where_it_hides()
    {
        Assert.True(HoldsObject(typeof(object)));
        Assert.True(HoldsObject(typeof(IDictionary<string, object>)));
        Assert.True(HoldsObject(typeof(IEnumerable<object?>)));
        Assert.True(HoldsObject(typeof(object[])));
        Assert.True(HoldsObject(typeof(Func<object, int>)));
        Assert.True(HoldsObject(typeof(ValueTuple<int, object>?)));
        Assert.False(HoldsObject(typeof(IDictionary<string, System.Text.Json.JsonElement>)));
        Assert.Contains(Members(typeof(Sample)), member => member.Name == nameof(Sample.Take) && member.Types.Any(HoldsObject));
        Assert.DoesNotContain(Members(typeof(Sample)), member => member.Name == nameof(Equals));
    }

    private static IEnumerable<(string Name, Type[] Types)> Members(Type type)
    {
        foreach (var member in type.GetMembers(Declared))
        {
            switch (member)
            {
                case MethodBase method when IsVisible(method) && !IsForeignOverride(method) && !method.IsSpecialName:
                    yield return (method.Name, [.. method.GetParameters().Select(parameter => parameter.ParameterType), .. method is MethodInfo info ? [info.ReturnType] : Array.Empty<Type>()]);
                    break;
                case PropertyInfo property when property.GetAccessors(nonPublic: true).Any(accessor => IsVisible(accessor) && !IsForeignOverride(accessor)):
                    yield return (property.Name, [property.PropertyType, .. property.GetIndexParameters().Select(parameter => parameter.ParameterType)]);
                    break;
                case FieldInfo field when field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly:
                    yield return (field.Name, [field.FieldType]);
                    break;
                case EventInfo @event when @event.AddMethod is { } add && IsVisible(add):
                    yield return (@event.Name, [@event.EventHandlerType!]);
                    break;
            }
        }
    }

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    // An override keeps the signature of the member it overrides: only one declared outside the library is exempt.
    private static bool IsForeignOverride(MethodBase method) =>
        method is MethodInfo info && info.GetBaseDefinition() is { } definition && definition.DeclaringType != info.DeclaringType
        && definition.DeclaringType?.Assembly != typeof(UsageJson).Assembly;

    private static bool HoldsObject(Type type)
    {
        if (type == typeof(object))
        {
            return true;
        }

        if (type.HasElementType)
        {
            return HoldsObject(type.GetElementType()!);
        }

        if (typeof(Delegate).IsAssignableFrom(type) && type.GetMethod("Invoke") is { } invoke)
        {
            return HoldsObject(invoke.ReturnType) || invoke.GetParameters().Any(parameter => HoldsObject(parameter.ParameterType))
                || (type.IsGenericType && type.GetGenericArguments().Any(HoldsObject));
        }

        return type.IsGenericType && type.GetGenericArguments().Any(HoldsObject);
    }

    private sealed class Sample
    {
        public static void Take(IReadOnlyList<object> values) => _ = values;

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => 0;
    }
}
