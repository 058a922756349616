using System.Globalization;
using System.Text.Json;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Tests;

/// <summary>Large and awkward batches, and <see cref="OutboxItem.Source"/>: the same on every store.</summary>
public abstract partial class OutboxContractTests
{
    /// <summary>More items than SQLite's 32,766 bound parameters in one statement, five columns each.</summary>
    private const int LargeBatch = 40_000;

    [Fact]
    public async Task An_empty_batch_writes_nothing_and_returns_no_results()
    {
        await using var outbox = await OpenAsync();
        Assert.Empty(await outbox.EnqueueAsync([]));
        Assert.Empty(await outbox.CountAsync());
        Assert.Equal(0, await outbox.MarkDeliveredAsync([]));
        Assert.Equal(0, await outbox.ReleaseAsync([], "nothing"));
    }

    [Fact]
    public async Task A_key_repeated_within_one_batch_behaves_as_in_successive_calls()
    {
        await using var outbox = await OpenAsync();
        var results = await outbox.EnqueueRecordsAsync(
        [
            Records.Compute("a"),
            Records.Compute("a"),                // identical: already queued (by this batch)
            Records.Compute("b"),
            Records.Compute("a", charge: "7.5"), // corrected: replaces the one this batch added
            Records.Compute("a", charge: "7.5"),
            Records.Compute("b", charge: "1.0"),
            Records.Compute("a"),                // the first version again: replaces the correction
        ]);

        Assert.Equal(
            [EnqueueOutcome.Added, EnqueueOutcome.AlreadyQueued, EnqueueOutcome.Added, EnqueueOutcome.Replaced, EnqueueOutcome.AlreadyQueued, EnqueueOutcome.Replaced, EnqueueOutcome.Replaced],
            results.Select(result => result.Outcome));
        Assert.Single(results.Where(result => result.Id == results[0].Id).Select(result => result.Id).Distinct());
        Assert.Equal(5, results.Count(result => result.Id == results[0].Id));
        Assert.Equal(results[2].Id, results[5].Id);
        Assert.True(results[0].Id < results[2].Id);

        var entries = await outbox.ListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Equal("2.5", Charge(entries[0]));
        Assert.Equal("1.0", Charge(entries[1]));
        Assert.All(entries, entry => Assert.Equal(OutboxState.Pending, entry.State));
    }

    [Fact]
    public async Task A_batch_mixing_new_keys_and_keys_in_every_state_gets_each_outcome_and_new_ids_in_batch_order()
    {
        await using var outbox = await OpenAsync();
        var stored = await outbox.EnqueueRecordsAsync([Records.Compute("pending"), Records.Compute("claimed"), Records.Compute("delivered"), Records.Compute("rejected")]);
        var claimed = await outbox.ClaimAsync(4, Lease);
        Assert.Equal(1, await outbox.ReleaseAsync([claimed[0].Id], "503"));
        Assert.Equal(1, await outbox.MarkDeliveredAsync([claimed[2].Id]));
        Assert.True(await outbox.MarkRejectedAsync(claimed[3].Id, "Charge: bad"));

        var results = await outbox.EnqueueRecordsAsync(
        [
            Records.Compute("new-1"),
            Records.Compute("pending"),
            Records.Compute("claimed", charge: "3.5"),
            Records.Compute("new-2"),
            Records.Compute("delivered"),
            Records.Compute("rejected"),
            Records.Compute("new-3"),
            Records.Compute("rejected", charge: "4.5"),
        ]);

        Assert.Equal(
            [EnqueueOutcome.Added, EnqueueOutcome.AlreadyQueued, EnqueueOutcome.Replaced, EnqueueOutcome.Added, EnqueueOutcome.AlreadyDelivered, EnqueueOutcome.AlreadyRejected, EnqueueOutcome.Added, EnqueueOutcome.Replaced],
            results.Select(result => result.Outcome));
        Assert.Equal(stored.Select(result => result.Id), new[] { results[1].Id, results[2].Id, results[4].Id, results[5].Id });
        Assert.Equal(results[5].Id, results[7].Id);
        Assert.True(stored[^1].Id < results[0].Id && results[0].Id < results[3].Id && results[3].Id < results[6].Id, "New entries' ids follow the batch order.");

        var entries = (await outbox.ListAsync()).ToDictionary(entry => entry.Id);
        Assert.Equal(OutboxState.Claimed, entries[results[2].Id].State); // in flight: pending again after its outcome
        Assert.Equal(OutboxState.Delivered, entries[results[4].Id].State);
        Assert.Equal(OutboxState.Pending, entries[results[7].Id].State);
        Assert.Equal(0, entries[results[7].Id].Attempts);
        Assert.Equal("4.5", Charge(entries[results[7].Id]));
    }

    [Fact]
    public async Task A_batch_larger_than_sqlites_parameter_limit_is_enqueued_claimed_and_delivered_whole()
    {
        await using var outbox = await OpenAsync();
        await outbox.EnqueueRecordsAsync([Records.Compute("7"), Records.Compute("39999", charge: "0.5")]);

        // Every key once, plus two already stored (one changed) and a repeat inside the batch.
        var records = Enumerable.Range(0, LargeBatch).Select(i => Records.Compute(i.ToString(CultureInfo.InvariantCulture))).ToList();
        records.Insert(20_000, Records.Compute("5"));
        var results = await outbox.EnqueueRecordsAsync(records);

        Assert.Equal(LargeBatch + 1, results.Count);
        Assert.Equal(LargeBatch - 2, results.Count(result => result.Outcome == EnqueueOutcome.Added));
        Assert.Equal(EnqueueOutcome.AlreadyQueued, results[7].Outcome);
        Assert.Equal(EnqueueOutcome.Replaced, results[^1].Outcome);
        Assert.Equal(EnqueueOutcome.AlreadyQueued, results[20_000].Outcome);
        Assert.Equal(results[5].Id, results[20_000].Id);
        var added = results.Where(result => result.Outcome == EnqueueOutcome.Added).Select(result => result.Id).ToList();
        Assert.Equal(added.Order(), added); // ids follow the batch order

        var claimed = await outbox.ClaimAsync(LargeBatch + 10, Lease);
        Assert.Equal(LargeBatch, claimed.Count);
        Assert.Equal(LargeBatch, claimed.Select(entry => entry.DedupeKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(LargeBatch, await outbox.RenewAsync(claimed.Select(entry => entry.Id), Lease));
        Assert.Equal(LargeBatch, await outbox.MarkDeliveredAsync(claimed.Select(entry => entry.Id)));
        Assert.Contains(new OutboxCount(UsageApi.Amie, OutboxState.Delivered, LargeBatch), await outbox.CountAsync());
        Assert.Empty(await outbox.ClaimAsync(10, Lease));
    }

    [Fact]
    public async Task Stored_keys_at_the_edges_of_the_stores_multi_row_statements_are_found_and_the_rest_added_in_batch_order()
    {
        // Keys stored before the batch sit on both sides of every 256-row statement boundary of the
        // SQLite store (and in the last, shorter statement); the rest of each statement is new.
        await using var outbox = await OpenAsync();
        int[] stored = [0, 255, 256, 257, 511, 512, 767, 1000, 1023];
        await outbox.EnqueueRecordsAsync([.. stored.Select(i => Records.Compute(Id(i)))]);

        var results = await outbox.EnqueueAsync(
        [
            .. Enumerable.Range(0, 1024).Select(i => OutboxItem.For(Records.Compute(Id(i), charge: i == 511 ? "9.5" : "2.5")) with { Source = "données.jsonl ligne " + Id(i) + " ✓" }),
        ]);

        for (var i = 0; i < 1024; i++)
        {
            var expected = Array.IndexOf(stored, i) < 0 ? EnqueueOutcome.Added : i == 511 ? EnqueueOutcome.Replaced : EnqueueOutcome.AlreadyQueued;
            Assert.True(expected == results[i].Outcome, $"item {i}: {results[i].Outcome}, expected {expected}");
        }

        var added = results.Where(result => result.Outcome == EnqueueOutcome.Added).Select(result => result.Id).ToList();
        Assert.Equal(1024 - stored.Length, added.Distinct().Count());
        Assert.Equal(added.Order(), added);

        // Text that is not ASCII is stored as given (the SQLite store binds UTF-16 text itself).
        var entries = (await outbox.ListAsync(new OutboxQuery(Limit: 2000))).ToDictionary(entry => entry.Id);
        Assert.Equal("données.jsonl ligne 2 ✓", entries[results[2].Id].Source);
        Assert.Equal("données.jsonl ligne 511 ✓", entries[results[511].Id].Source);
        Assert.Null(entries[results[255].Id].Source); // identical: left as it was
        Assert.Equal(OutboxItem.For(Records.Compute(Id(700))).Payload, entries[results[700].Id].Payload);

        static string Id(int i) => i.ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Source_is_stored_with_the_payload_and_returned_on_the_entry()
    {
        await using var outbox = await OpenAsync();
        var first = await outbox.EnqueueAsync(
        [
            OutboxItem.For(Records.Compute("1")) with { Source = "records.jsonl line 1" },
            OutboxItem.For(Records.Compute("2")),
            OutboxItem.For(Records.Report(1)) with { Source = "reports.jsonl line 1" },
            OutboxItem.For(Records.Job(1)) with { Source = "jobs.csv line 2" },
        ]);
        Assert.All(first, result => Assert.Equal(EnqueueOutcome.Added, result.Outcome));

        var entries = await outbox.ListAsync();
        Assert.Equal(["records.jsonl line 1", null, "reports.jsonl line 1", "jobs.csv line 2"], entries.Select(entry => entry.Source));

        // An identical record leaves the entry (and its source) alone; a corrected one brings its own.
        var again = await outbox.EnqueueAsync(
        [
            OutboxItem.For(Records.Compute("1")) with { Source = "rerun.jsonl line 9" },
            OutboxItem.For(Records.Compute("2", charge: "8.5")) with { Source = "rerun.jsonl line 10" },
        ]);
        Assert.Equal([EnqueueOutcome.AlreadyQueued, EnqueueOutcome.Replaced], again.Select(result => result.Outcome));
        var claimed = await outbox.ClaimAsync(2, Lease, UsageApi.Amie);
        Assert.Equal(["records.jsonl line 1", "rerun.jsonl line 10"], claimed.Select(entry => entry.Source));

        // The source is not part of the record's identity or payload.
        Assert.Equal(OutboxItem.For(Records.Compute("1")).Payload, claimed[0].Payload);
        Assert.DoesNotContain("records.jsonl", claimed[0].Payload, StringComparison.Ordinal);
    }

    private static string? Charge(OutboxEntry entry) => JsonSerializer.Deserialize<UsageSchema.Amie.ComputeUsageRecord>(entry.Payload, UsageJson.Options)!.Charge;
}
