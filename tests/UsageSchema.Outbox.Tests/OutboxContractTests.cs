using System.Text.Json;
using UsageSchema.Perseus;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Tests;

/// <summary>
/// The behaviour every <see cref="IUsageOutbox"/> store must have, run against each store by a subclass.
/// Each test gets a fresh, empty store; every <see cref="OpenAsync"/> of one test opens that same store.
/// </summary>
public abstract partial class OutboxContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Opens another instance on this test's store.</summary>
    protected abstract Task<IUsageOutbox> OpenAsync(TimeProvider? clock = null, string? claimer = null);

    [Fact]
    public async Task Claims_of_a_sender_process_that_is_gone_are_released_at_once_and_others_are_kept()
    {
        await using var gone = await OpenAsync(claimer: $"{Environment.MachineName}:{int.MaxValue}:gone");
        await gone.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
        Assert.Equal(2, (await gone.ClaimAsync(10, TimeSpan.FromHours(1))).Count);
        await using var elsewhere = await OpenAsync(claimer: "another-host:1:alive");
        await elsewhere.EnqueueRecordsAsync([Records.Compute("3")]);
        Assert.Single(await elsewhere.ClaimAsync(10, TimeSpan.FromHours(1)));

        await using var restarted = await OpenAsync();
        var released = await restarted.ReleaseAbandonedClaimsAsync();

        Assert.Equal(2, released);
        var entries = await restarted.ListAsync();
        Assert.Equal([OutboxState.Pending, OutboxState.Pending, OutboxState.Claimed], entries.Select(entry => entry.State));
        Assert.All(entries.Take(2), entry => Assert.Equal(1, entry.Attempts));
        Assert.All(entries.Take(2), entry => Assert.Contains("ended without recording an outcome", entry.LastError, StringComparison.Ordinal));
        Assert.Equal(2, (await restarted.ClaimAsync(10, TimeSpan.FromMinutes(1))).Count);
        Assert.Equal(0, await restarted.ReleaseAbandonedClaimsAsync()); // its own claims: this process runs
    }

    [Fact]
    public async Task Enqueue_claim_deliver_reject_release_move_entries_through_the_states()
    {
        await using var outbox = await OpenAsync();
        var added = await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2"), Records.Compute("3")]);
        Assert.All(added, result => Assert.Equal(EnqueueOutcome.Added, result.Outcome));

        var claimed = await outbox.ClaimAsync(10, Lease);
        Assert.Equal(added.Select(result => result.Id), claimed.Select(entry => entry.Id));
        Assert.All(claimed, entry => Assert.Equal(OutboxState.Claimed, entry.State));
        Assert.All(claimed, entry => Assert.Equal(outbox.ClaimerId, entry.ClaimedBy));
        Assert.Empty(await outbox.ClaimAsync(10, Lease)); // held under the lease

        Assert.Equal(1, await outbox.MarkDeliveredAsync([claimed[0].Id]));
        Assert.True(await outbox.MarkRejectedAsync(claimed[1].Id, "Charge: must be a number"));
        Assert.Equal(1, await outbox.ReleaseAsync([claimed[2].Id], "503 Service Unavailable"));

        var entries = await outbox.ListAsync();
        Assert.Equal([OutboxState.Delivered, OutboxState.Rejected, OutboxState.Pending], entries.Select(entry => entry.State));
        Assert.NotNull(entries[0].DeliveredAt);
        Assert.Equal("Charge: must be a number", entries[1].LastError);
        Assert.Equal(1, entries[2].Attempts);
        Assert.Equal("503 Service Unavailable", entries[2].LastError);

        // Only the released one comes back; delivered and rejected are never sent again.
        var again = Assert.Single(await outbox.ClaimAsync(10, Lease));
        Assert.Equal(claimed[2].Id, again.Id);

        var counts = await outbox.CountAsync();
        Assert.Contains(new OutboxCount(UsageApi.Amie, OutboxState.Delivered, 1), counts);
        Assert.Contains(new OutboxCount(UsageApi.Amie, OutboxState.Rejected, 1), counts);
        Assert.Contains(new OutboxCount(UsageApi.Amie, OutboxState.Claimed, 1), counts);
        Assert.Single(await outbox.ListAsync(new OutboxQuery(State: OutboxState.Rejected)));
    }

    [Fact]
    public async Task Payload_is_the_wire_json()
    {
        await using var outbox = await OpenAsync();
        var record = Records.Compute("1");
        await outbox.EnqueueAsync(OutboxItem.For(record));
        var entry = Assert.Single(await outbox.ListAsync());
        Assert.Equal(JsonSerializer.Serialize(record, UsageJson.Options), entry.Payload);
        Assert.Equal(RecordTypes.Compute, entry.RecordType);
        Assert.Equal("""["expanse.sdsc.access-ci.org","1"]""", entry.DedupeKey);
    }

    [Fact]
    public async Task Amie_enqueue_is_idempotent_and_a_delivered_record_is_not_resent()
    {
        await using var outbox = await OpenAsync();
        var first = await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1")));
        var again = await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1")));
        var changedWhilePending = await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1", charge: "9.0")));

        Assert.Equal(EnqueueOutcome.Added, first.Outcome);
        Assert.Equal(new EnqueueResult(first.Id, EnqueueOutcome.AlreadyQueued), again);
        Assert.Equal(new EnqueueResult(first.Id, EnqueueOutcome.Replaced), changedWhilePending); // a corrected record replaces the stale one
        Assert.Contains("\"9.0\"", Assert.Single(await outbox.ListAsync()).Payload, StringComparison.Ordinal);

        var claimed = await outbox.ClaimAsync(10, Lease);
        await outbox.MarkDeliveredAsync(claimed.Select(entry => entry.Id));
        var afterDelivery = await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1")));
        Assert.Equal(new EnqueueResult(first.Id, EnqueueOutcome.AlreadyDelivered), afterDelivery);
        Assert.Empty(await outbox.ClaimAsync(10, Lease));
    }

    [Fact]
    public async Task A_rejected_record_is_requeued_only_when_it_changed()
    {
        await using var outbox = await OpenAsync();
        var first = await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1", charge: "x")));
        await outbox.ClaimAsync(10, Lease);
        await outbox.MarkRejectedAsync(first.Id, "Charge: not a number");

        Assert.Equal(EnqueueOutcome.AlreadyRejected, (await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1", charge: "x")))).Outcome);
        Assert.Empty(await outbox.ClaimAsync(10, Lease));
        Assert.Equal(EnqueueOutcome.Replaced, (await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1", charge: "1.0")))).Outcome);
        var entry = Assert.Single(await outbox.ClaimAsync(10, Lease));
        Assert.Contains("\"1.0\"", entry.Payload, StringComparison.Ordinal);
        Assert.Equal(0, entry.Attempts);
    }

    [Fact]
    public async Task Perseus_same_upsert_key_replaces_the_pending_payload_last_wins()
    {
        await using var outbox = await OpenAsync();
        var first = await outbox.EnqueueAsync(OutboxItem.For(Records.Report(10)));
        // The same instant written with another offset is the same key.
        var second = await outbox.EnqueueAsync(OutboxItem.For(Records.Report(25, start: "2026-03-01T01:00:00+01:00")));
        var other = await outbox.EnqueueAsync(OutboxItem.For(Records.Report(5, user: "bob")));

        Assert.Equal(new EnqueueResult(first.Id, EnqueueOutcome.Replaced), second);
        Assert.Equal(EnqueueOutcome.Added, other.Outcome);
        var entries = await outbox.ListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Equal(25, JsonSerializer.Deserialize<UsageReport>(entries[0].Payload, UsageJson.Options)!.Value);
        Assert.Contains("2026-03-01T00:00:00.0000000Z", entries[0].DedupeKey, StringComparison.Ordinal);

        // Delivered: the same report again is not resent; a changed one is (the service upserts).
        var claimed = await outbox.ClaimAsync(10, Lease);
        await outbox.MarkDeliveredAsync(claimed.Select(entry => entry.Id));
        Assert.Equal(EnqueueOutcome.AlreadyDelivered, (await outbox.EnqueueAsync(OutboxItem.For(Records.Report(25, start: "2026-03-01T01:00:00+01:00")))).Outcome);
        Assert.Equal(EnqueueOutcome.Replaced, (await outbox.EnqueueAsync(OutboxItem.For(Records.Report(30)))).Outcome);
        var resend = Assert.Single(await outbox.ClaimAsync(10, Lease));
        Assert.Equal(first.Id, resend.Id);
    }

    [Fact]
    public async Task Perseus_replaced_while_claimed_is_sent_again_after_the_old_payload_is_delivered()
    {
        await using var outbox = await OpenAsync();
        await outbox.EnqueueAsync(OutboxItem.For(Records.Report(10)));
        var inFlight = Assert.Single(await outbox.ClaimAsync(10, Lease));
        Assert.Equal(EnqueueOutcome.Replaced, (await outbox.EnqueueAsync(OutboxItem.For(Records.Report(20)))).Outcome);

        await outbox.MarkDeliveredAsync([inFlight.Id]);

        var next = Assert.Single(await outbox.ClaimAsync(10, Lease));
        Assert.Equal(20, JsonSerializer.Deserialize<UsageReport>(next.Payload, UsageJson.Options)!.Value);
    }

    [Fact]
    public async Task One_batch_applies_the_rules_item_by_item_and_ids_follow_the_batch_order()
    {
        await using var outbox = await OpenAsync();
        await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("stored")));

        var results = await outbox.EnqueueRecordsAsync(
        [
            Records.Compute("z"),
            Records.Report(10),
            Records.Compute("a"),
            Records.Report(20),                  // same upsert key as the report above: last wins
            Records.Compute("z", charge: "9.0"), // same AMIE key as the first, corrected: replaces it
            Records.Compute("stored"),
        ]);

        Assert.Equal(
            [EnqueueOutcome.Added, EnqueueOutcome.Added, EnqueueOutcome.Added, EnqueueOutcome.Replaced, EnqueueOutcome.Replaced, EnqueueOutcome.AlreadyQueued],
            results.Select(result => result.Outcome));
        Assert.Equal(results[1].Id, results[3].Id);
        Assert.Equal(results[0].Id, results[4].Id);
        Assert.True(results[0].Id < results[1].Id && results[1].Id < results[2].Id, "New entries' ids follow the batch order.");

        var entries = await outbox.ListAsync();
        Assert.Equal(4, entries.Count);
        Assert.Equal(20, JsonSerializer.Deserialize<UsageReport>(entries.Single(entry => entry.Api == UsageApi.Perseus).Payload, UsageJson.Options)!.Value);
        Assert.Contains("\"9.0\"", entries.Single(entry => entry.Id == results[0].Id).Payload, StringComparison.Ordinal);
        Assert.Equal(["stored", "z", "a"], entries.Where(entry => entry.Api == UsageApi.Amie).Select(entry => JsonSerializer.Deserialize<string[]>(entry.DedupeKey)![1]));
    }

    [Fact]
    public async Task Gateway_dedupes_on_resource_and_job_id()
    {
        await using var outbox = await OpenAsync();
        await outbox.EnqueueAsync(OutboxItem.For(Records.Job(1)));
        Assert.Equal(EnqueueOutcome.AlreadyQueued, (await outbox.EnqueueAsync(OutboxItem.For(Records.Job(1)))).Outcome);
        Assert.Equal(EnqueueOutcome.Added, (await outbox.EnqueueAsync(OutboxItem.For(Records.Job(1, "bridges2.psc.xsede.org")))).Outcome);
        Assert.Equal(EnqueueOutcome.Added, (await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1")))).Outcome); // other API, other key space
        Assert.Equal(2, (await outbox.ListAsync(new OutboxQuery(Api: UsageApi.GatewayAttributes))).Count);
    }

    [Fact]
    public async Task Two_outboxes_on_one_file_claim_disjoint_sets_and_together_everything_once()
    {
        const int Total = 600;
        await using (var seed = await OpenAsync())
        {
            await seed.EnqueueRecordsAsync([.. Enumerable.Range(0, Total).Select(i => (IUsageRecord)Records.Compute(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        }

        async Task<List<long>> DrainAsync(string claimer)
        {
            await using var outbox = await OpenAsync(claimer: claimer);
            var mine = new List<long>();
            while (true)
            {
                var batch = await outbox.ClaimAsync(7, Lease);
                if (batch.Count == 0)
                {
                    return mine;
                }

                Assert.All(batch, entry => Assert.Equal(claimer, entry.ClaimedBy));
                mine.AddRange(batch.Select(entry => entry.Id));
                Assert.Equal(batch.Count, await outbox.MarkDeliveredAsync(batch.Select(entry => entry.Id)));
            }
        }

        var results = await Task.WhenAll(Task.Run(() => DrainAsync("a")), Task.Run(() => DrainAsync("b")), Task.Run(() => DrainAsync("c")));

        Assert.Empty(results[0].Intersect(results[1]));
        Assert.Empty(results[0].Intersect(results[2]));
        Assert.Empty(results[1].Intersect(results[2]));
        var all = results.SelectMany(ids => ids).ToList();
        Assert.Equal(Total, all.Count);
        Assert.Equal(Total, all.Distinct().Count());
        await using var check = await OpenAsync();
        Assert.Equal([new OutboxCount(UsageApi.Amie, OutboxState.Delivered, Total)], await check.CountAsync());
    }

    [Fact]
    public async Task An_expired_lease_makes_a_crashed_claimers_entries_claimable_again()
    {
        var clock = new ManualClock(Start);
        await using var crashed = await OpenAsync(clock, "crashed");
        await using var survivor = await OpenAsync(clock, "survivor");
        await crashed.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
        Assert.Equal(2, (await crashed.ClaimAsync(10, Lease)).Count);

        clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await survivor.ClaimAsync(10, Lease));

        clock.Advance(TimeSpan.FromSeconds(1));
        var taken = await survivor.ClaimAsync(10, Lease);
        Assert.Equal(2, taken.Count);
        Assert.All(taken, entry => Assert.Equal("survivor", entry.ClaimedBy));
        Assert.All(taken, entry => Assert.Equal(1, entry.Attempts));

        // The stale claimer can no longer release or reject what it lost.
        Assert.Equal(0, await crashed.ReleaseAsync(taken.Select(entry => entry.Id), "late"));
        Assert.False(await crashed.MarkRejectedAsync(taken[0].Id, "late"));
    }

    [Fact]
    public async Task A_crash_between_send_and_mark_sends_the_entries_again_after_the_lease()
    {
        var clock = new ManualClock(Start);
        long[] sent;
        await using (var before = await OpenAsync(clock))
        {
            await before.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
            sent = [.. (await before.ClaimAsync(10, Lease)).Select(entry => entry.Id)];
            // ... sent to the service, then the process dies before MarkDelivered.
        }

        await using var after = await OpenAsync(clock);
        Assert.Empty(await after.ClaimAsync(10, Lease));
        clock.Advance(Lease);
        Assert.Equal(sent, (await after.ClaimAsync(10, Lease)).Select(entry => entry.Id));
    }

    [Fact]
    public async Task Purge_deletes_old_delivered_and_all_rejected_entries()
    {
        var clock = new ManualClock(Start);
        await using var outbox = await OpenAsync(clock);
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2"), Records.Compute("3"), Records.Compute("4")]);
        var claimed = await outbox.ClaimAsync(10, Lease);
        await outbox.MarkDeliveredAsync([claimed[0].Id]);
        clock.Advance(TimeSpan.FromDays(2));
        await outbox.MarkDeliveredAsync([claimed[1].Id]);
        await outbox.MarkRejectedAsync(claimed[2].Id, "bad");

        Assert.Equal(1, await outbox.PurgeDeliveredAsync(Start.AddDays(1)));
        Assert.Equal(1, await outbox.PurgeRejectedAsync());
        Assert.Equal([claimed[1].Id, claimed[3].Id], (await outbox.ListAsync()).Select(entry => entry.Id));
    }

    [Fact]
    public async Task A_corrected_record_replaces_the_pending_one_for_every_api_and_follows_one_in_flight()
    {
        await using var outbox = await OpenAsync();
        var amie = await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1", charge: "1.0")));
        var job = await outbox.EnqueueAsync(OutboxItem.For(Records.Job(7)));
        Assert.Equal(EnqueueOutcome.Replaced, (await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1", charge: "2.0")))).Outcome);
        var changedJob = Records.Job(7);
        changedJob.GatewayUser = "corrected user";
        Assert.Equal(EnqueueOutcome.Replaced, (await outbox.EnqueueAsync(OutboxItem.For(changedJob))).Outcome);

        var inFlight = await outbox.ClaimAsync(10, Lease);
        Assert.Contains("\"2.0\"", inFlight.Single(entry => entry.Id == amie.Id).Payload, StringComparison.Ordinal);
        Assert.Contains("corrected user", inFlight.Single(entry => entry.Id == job.Id).Payload, StringComparison.Ordinal);

        // Corrected again while the previous version is being sent: that send's outcome is for the old
        // payload; the entry then waits with the new one instead of being marked delivered.
        Assert.Equal(EnqueueOutcome.Replaced, (await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1", charge: "3.0")))).Outcome);
        await outbox.MarkDeliveredAsync(inFlight.Select(entry => entry.Id));
        var next = Assert.Single(await outbox.ClaimAsync(10, Lease));
        Assert.Equal(amie.Id, next.Id);
        Assert.Contains("\"3.0\"", next.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_release_with_retry_after_is_not_claimable_before_then()
    {
        var clock = new ManualClock(Start);
        await using var outbox = await OpenAsync(clock);
        await outbox.EnqueueRecordsAsync([Records.Compute("1")]);
        var claimed = await outbox.ClaimAsync(10, Lease);

        Assert.Equal(1, await outbox.ReleaseAsync(claimed.Select(entry => entry.Id), "429 Too Many Requests", TimeSpan.FromSeconds(30)));

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await outbox.ClaimAsync(10, Lease));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(await outbox.ClaimAsync(10, Lease));
    }

    [Fact]
    public async Task A_renewed_lease_keeps_other_senders_off_and_only_the_holder_renews()
    {
        var clock = new ManualClock(Start);
        await using var holder = await OpenAsync(clock, "host-a:1:holder");
        await using var other = await OpenAsync(clock, "host-b:2:other");
        await holder.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
        var claimed = await holder.ClaimAsync(10, Lease);
        var ids = claimed.Select(entry => entry.Id).ToList();

        clock.Advance(Lease - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await other.RenewAsync(ids, Lease)); // not its claim
        Assert.Equal(2, await holder.RenewAsync(ids, Lease));
        clock.Advance(TimeSpan.FromMinutes(2)); // past the first lease, inside the renewed one
        Assert.Empty(await other.ClaimAsync(10, Lease));

        clock.Advance(Lease);
        Assert.Equal(2, (await other.ClaimAsync(10, Lease)).Count);
        Assert.Equal(0, await holder.RenewAsync(ids, Lease)); // taken over: the old holder cannot extend it
    }

    [Fact]
    public async Task A_secret_field_of_a_record_is_never_stored()
    {
        await using var outbox = await OpenAsync();
        var job = Records.Job(1);
#pragma warning disable CS0612 // The legacy field is deprecated in the spec; an input may still carry it.
        job.ApiKey = "legacy-form-key-0123456789";
#pragma warning restore CS0612

        await outbox.EnqueueAsync(OutboxItem.For(job));

        var stored = Assert.Single(await outbox.ListAsync());
        Assert.DoesNotContain("legacy-form-key-0123456789", stored.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("apikey", stored.Payload, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"jobid\"", stored.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivered_entries_are_listed_by_delivery_time_in_a_half_open_window_and_by_api()
    {
        var clock = new ManualClock(Start);
        await using var outbox = await OpenAsync(clock);
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2"), Records.Compute("3"), Records.Compute("4"), Records.Job(7)]);
        var claimed = await outbox.ClaimAsync(10, Lease);
        await outbox.MarkDeliveredAsync([claimed[0].Id]); // at Start: before the window
        clock.Advance(TimeSpan.FromHours(1));
        await outbox.MarkDeliveredAsync([claimed[1].Id, claimed[4].Id]); // at the window's start: inside
        clock.Advance(TimeSpan.FromHours(1));
        await outbox.MarkDeliveredAsync([claimed[2].Id]); // at the window's end: outside
        Assert.True(await outbox.MarkRejectedAsync(claimed[3].Id, "bad")); // never delivered

        var from = Start.AddHours(1);
        var to = Start.AddHours(2);
        var all = await outbox.ListDeliveredAsync(from, to);
        Assert.Equal([claimed[1].Id, claimed[4].Id], all.Select(entry => entry.Id));
        Assert.All(all, entry => Assert.Equal(from, entry.DeliveredAt));
        Assert.All(all, entry => Assert.Equal(OutboxState.Delivered, entry.State));

        var amie = Assert.Single(await outbox.ListDeliveredAsync(from, to, UsageApi.Amie));
        Assert.Equal(claimed[1].DedupeKey, amie.DedupeKey);
        Assert.Equal(claimed[1].Payload, amie.Payload);
        Assert.Equal(claimed[4].Id, Assert.Single(await outbox.ListDeliveredAsync(from, to, UsageApi.GatewayAttributes)).Id);
        Assert.Equal([claimed[0].Id, claimed[1].Id, claimed[2].Id, claimed[4].Id], (await outbox.ListDeliveredAsync(Start, Start.AddDays(1))).Select(entry => entry.Id));
    }

    [Fact]
    public async Task Requeue_delivered_sends_only_delivered_entries_again_with_the_reason()
    {
        var clock = new ManualClock(Start);
        await using var outbox = await OpenAsync(clock);
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2"), Records.Compute("3")]);
        var claimed = await outbox.ClaimAsync(10, Lease);
        await outbox.MarkDeliveredAsync([claimed[0].Id, claimed[1].Id]);
        Assert.True(await outbox.MarkRejectedAsync(claimed[2].Id, "bad"));
        clock.Advance(TimeSpan.FromHours(3));

        // The rejected entry is not delivered: it stays as it is.
        Assert.Equal(1, await outbox.RequeueDeliveredAsync([claimed[0].Id, claimed[2].Id], "verify: delivered but not loaded"));

        var entries = await outbox.ListAsync();
        Assert.Equal([OutboxState.Pending, OutboxState.Delivered, OutboxState.Rejected], entries.Select(entry => entry.State));
        Assert.Null(entries[0].DeliveredAt);
        Assert.Equal("verify: delivered but not loaded", entries[0].LastError);
        Assert.Equal("bad", entries[2].LastError);
        Assert.Equal(claimed[1].Id, Assert.Single(await outbox.ListDeliveredAsync(Start, Start.AddDays(1))).Id);

        // Claimable at once, and a second requeue of the same entry changes nothing.
        Assert.Equal(claimed[0].Id, Assert.Single(await outbox.ClaimAsync(10, Lease)).Id);
        Assert.Equal(0, await outbox.RequeueDeliveredAsync([claimed[0].Id], "again"));
        Assert.Equal(1, await outbox.MarkDeliveredAsync([claimed[0].Id]));
        Assert.Equal(2, (await outbox.ListDeliveredAsync(Start, Start.AddDays(1))).Count);
    }
}
