// char.IsAsciiDigit is .NET 7+; the linked Iso8601 parser calls it. A C# 14 static extension
// member in an enclosing namespace of UsageSchema.Validation makes the call bind on netstandard2.0.
namespace UsageSchema;

internal static class CharPolyfills
{
    extension(char)
    {
        public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
    }
}
