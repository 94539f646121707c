using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;
using NkWatch.Core.Search;
using NkWatch.Core.Subscriptions;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Azure;

namespace NkWatch.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStoreContractTests(AzuriteFixture azurite) : StoreContract
{
    private readonly AzureStorageAccount account = azurite.IsolatedAccount();

    /// <summary>An upper bound on Azurite's own clock letting a visibility timeout pass, not its expected time.</summary>
    private static readonly TimeSpan VisibleAgainBound = TimeSpan.FromSeconds(30);

    protected override void AddStorage(IServiceCollection services) => services.AddNkWatchAzureStorage(account);

    /// <summary>
    /// An attempt that died after its id entry and search rows, then the queue's retry a little later:
    /// search finds the match at the time the retry stored it, not at the dead attempt's.
    /// </summary>
    [Fact]
    public async Task AMatchStoredAgainAfterADeadAttemptIsStillFoundBySearch()
    {
        var store = Get<IMatchStore>();
        var dead = Match("retried", T0) with { Title = "Yodok testimonies" };
        var matches = await Get<AzureTables>().GetAsync(TableNames.Matches);
        await matches.AddEntityAsync(new TableEntity("id", dead.ItemId) { ["StoredAtTicks"] = dead.StoredAt.UtcTicks });
        await Get<TableMatchSearch>().IndexAsync(dead, default);

        Assert.True(await store.AddAsync(dead with { StoredAt = T0.AddMinutes(5) }, default));

        var found = Assert.Single(await store.SearchAsync(SearchQuery.Parse("yodok", out _)!, MatchFilter.All, 10, default));
        Assert.Equal(T0.AddMinutes(5), found.StoredAt);
    }

    /// <summary>An item key is its own partition, with one row named "seen".</summary>
    protected override async Task<(string FeedId, DateTimeOffset FirstSeen)> RecordedItemAsync(string key)
    {
        var table = await Get<AzureTables>().GetAsync(TableNames.Items);
        var entity = (await table.GetEntityAsync<TableEntity>(key, "seen")).Value;
        return (entity.GetString("FeedId"), entity.GetDateTimeOffset("FirstSeen")!.Value);
    }

    /// <summary>Azurite hides messages by its own clock, which no test can move: ask until it shows the message again.</summary>
    protected override async Task<ReceivedMessage> ReceiveOnceVisibleAgainAsync(IMessageQueue queue, TimeSpan hidden)
    {
        using var bound = new CancellationTokenSource(hidden + VisibleAgainBound);
        while (true)
        {
            if (await queue.ReceiveAsync(5, TimeSpan.FromMinutes(5), bound.Token) is [var message])
            {
                return message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), bound.Token);
        }
    }

    /// <summary>The subscriber entities as they were, with the index keyed by a hash of the address as stored.</summary>
    protected override async Task SeedAsStoredBeforeMailboxKeysAsync(IReadOnlyList<Subscriber> subscribers)
    {
        var table = await Get<AzureTables>().GetAsync(TableNames.Subscribers);
        foreach (var subscriber in subscribers)
        {
            await table.AddEntityAsync(new TableEntity("subscriber", subscriber.Id) { ["Body"] = AzureTables.ToJson(subscriber), ["Status"] = subscriber.Status.ToString() });
            await table.AddEntityAsync(new TableEntity("email", ItemIdentity.Hash("email:" + subscriber.Email)) { ["SubscriberId"] = subscriber.Id });
        }
    }
}
