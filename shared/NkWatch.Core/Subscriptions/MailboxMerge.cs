namespace NkWatch.Core.Subscriptions;

/// <summary>
/// Which record stays when records stored before the mailbox key turn out to be one mailbox:
/// a suppressed one first (a bounce or complaint must keep holding), then a confirmed one, then
/// a pending one, then an unsubscribed one; among equals the one that changed last.
/// </summary>
public static class MailboxMerge
{
    public static Subscriber Keep(IEnumerable<Subscriber> sameMailbox) => sameMailbox
        .OrderBy(s => s.Status switch
        {
            SubscriberStatus.Suppressed => 0,
            SubscriberStatus.Confirmed => 1,
            SubscriberStatus.Pending => 2,
            _ => 3,
        })
        .ThenByDescending(s => s.StatusChangedAt ?? s.CreatedAt)
        .ThenBy(s => s.Id, StringComparer.Ordinal)
        .First();
}
