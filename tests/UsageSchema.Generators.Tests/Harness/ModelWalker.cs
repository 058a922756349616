using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace UsageSchema.Generators.Tests.Harness;

/// <summary>
/// Walks a pipeline value by reflection, field by field, and fails on any object that would keep a
/// compilation alive across runs (and so defeat caching).
/// </summary>
internal static class ModelWalker
{
    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree)];

    public static int AssertHoldsNoCompilerObjects(object? value, string step)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        return Walk(value, step, visited);
    }

    private static int Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return 1;
        }

        var type = value.GetType();
        Assert.False(Forbidden.Any(forbidden => forbidden.IsAssignableFrom(type)), $"{path} holds a {type.FullName}");
        if (!type.IsValueType && !visited.Add(value))
        {
            return 0;
        }

        var count = 1;
        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                count += Walk(item, $"{path}[{index++}]", visited);
            }

            return count;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            count += Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
        }

        return count;
    }
}
