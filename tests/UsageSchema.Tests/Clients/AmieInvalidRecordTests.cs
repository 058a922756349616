using UsageSchema.Amie.Sending;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// Records that break their spec are kept back with their violations while their neighbours are
/// sent. These depend on the spec source generator, which implements <see cref="IValidatable"/>
/// on the generated records.
/// </summary>
public class AmieInvalidRecordTests
{
    [Fact]
    public void The_generated_records_are_validatable()
    {
        Assert.IsAssignableFrom<IValidatable>(TestRecords.Compute());
        Assert.IsAssignableFrom<IValidatable>(TestRecords.Storage());
        Assert.IsAssignableFrom<IValidatable>(TestRecords.Adjustment());
    }

    [Fact]
    public void The_packer_keeps_an_invalid_record_back_with_every_violation()
    {
        var invalid = TestRecords.Compute("bad");
        invalid.Username = null!;
        invalid.EndTime = "2024-03-01T08:00:00-08:00";
        using var packer = new RequestPacker();

        var outcome = packer.Add(invalid);

        var failure = Assert.IsType<LocalRecordFailure>(outcome.Failure);
        Assert.Equal(LocalFailureReason.Invalid, failure.Reason);
        Assert.Equal("bad", failure.LocalRecordId);
        Assert.Contains(failure.Violations, violation => violation.Path == "Username" && violation.Rule == ValidationRule.Required);
        Assert.Contains(failure.Violations, violation => violation.Rule == ValidationRule.CrossField);
        Assert.Contains("'bad'", failure.Message, StringComparison.Ordinal);
        Assert.Null(packer.Flush());
    }

    [Fact]
    public async Task Invalid_records_are_never_sent_and_their_valid_neighbours_are()
    {
        var handler = new ScriptedHandler();
        var sender = ClientFactory.Amie(handler);
        var badCharge = TestRecords.Compute("bad-charge");
        badCharge.Charge = "lots";
        var badStorage = TestRecords.Storage("bad-time");
        badStorage.CollectionTime = "yesterday";

        var result = await sender.SendAsync([TestRecords.Compute("a"), badCharge, TestRecords.Storage("s"), badStorage, TestRecords.Compute("b")]);

        Assert.Equal([1L, 3L], result.LocalFailures.Select(failure => failure.Index));
        Assert.All(result.LocalFailures, failure => Assert.Equal(LocalFailureReason.Invalid, failure.Reason));
        Assert.Equal(["a", "b"], AmieUsageSenderTests.Ids(handler.Requests[0].Body!));
        Assert.Equal(["s"], AmieUsageSenderTests.Ids(handler.Requests[1].Body!));
        Assert.Equal(3, result.RecordsAccepted);
        Assert.True(result.Completed);
        Assert.False(result.Succeeded);
    }
}
