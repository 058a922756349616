using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// Validating a valid record is on every send path, so it must not allocate. Measured with the
/// thread's own allocation counter, which is exact. The generated patterns are shared static
/// <see cref="System.Text.RegularExpressions.Regex"/> instances, and a Regex builds a second runner
/// when another thread is matching with it at the same moment, so these tests run alone: otherwise a
/// parallel test validating the same record type makes the count depend on timing.
/// </summary>
[Collection(Name)]
public class AllocationTests
{
    public const string Name = "Allocation counting";

    private static long AllocatedBy(IValidatable value, int calls)
    {
        // Warm up first: static regex fields, JIT and tiering may allocate once.
        for (var i = 0; i < 100; i++)
        {
            _ = value.IsValid();
            _ = value.Validate();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            if (!value.IsValid() || !ReferenceEquals(value.Validate(), ValidationResult.Valid))
            {
                throw new InvalidOperationException("the sample must be valid");
            }
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Validating_valid_records_allocates_nothing()
    {
        Assert.Equal(0, AllocatedBy(Samples.Compute(), 1000));
        Assert.Equal(0, AllocatedBy(Samples.ComputeMessage(10), 100));
        Assert.Equal(0, AllocatedBy(Samples.Report(), 1000));
        Assert.Equal(0, AllocatedBy(Samples.Job(), 1000));
    }

    [Fact]
    public void Hashing_and_comparing_upsert_keys_allocates_nothing()
    {
        // Deduplicating a batch hashes every record; the key is a struct, so this should be free.
        var first = Samples.Report();
        var second = Samples.Report();
        second.Start = "2024-02-29T23:00:00Z";
        for (var i = 0; i < 100; i++)
        {
            _ = first.GetHashCode();
            _ = first.Equals(second);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var equal = 0;
        for (var i = 0; i < 1000; i++)
        {
            equal += first.GetHashCode() == second.GetHashCode() && first.Equals(second) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000, equal);
    }
}

[CollectionDefinition(AllocationTests.Name, DisableParallelization = true)]
public sealed class AllocationTestGroup;
