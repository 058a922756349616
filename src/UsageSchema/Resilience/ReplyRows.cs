namespace UsageSchema.Resilience;

/// <summary>
/// The rows of a JSON array in an answer: the serializer reads <c>[null]</c> as a list holding null, which no
/// operation documents and every caller would trip over later (far from the answer, as a NullReferenceException).
/// The clients check each array they return with this and fail the call as an unexpected response instead.
/// </summary>
internal static class ReplyRows
{
    /// <summary>The problem with <paramref name="rows"/> in words for <c>ServiceFailures.Unreadable</c>, or null when no row is null.</summary>
    /// <param name="rows">The rows read; null (the member was absent) is no problem here.</param>
    /// <param name="where">Where the array is, e.g. <c>the array</c> or <c>FailedRecords</c>.</param>
    public static string? NullRow<T>(IEnumerable<T?>? rows, string where)
        where T : class
    {
        if (rows is null)
        {
            return null;
        }

        var index = 0;
        foreach (var row in rows)
        {
            if (row is null)
            {
                return $"item {index.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {where} is null";
            }

            index++;
        }

        return null;
    }
}
