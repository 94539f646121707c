using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch subscribers export|delete EMAIL</c>: answering a person's data request. Export prints
/// everything stored about the address as JSON; delete erases the subscriber, their digest log and
/// the counter of confirmation emails kept for the address.
/// </summary>
internal static class PersonalDataCommands
{
    public static async Task<int> ExportAsync(string email, IServiceProvider services, CommandIo io, CancellationToken cancellationToken)
    {
        var export = await services.GetRequiredService<PersonalData>().ExportAsync(Checked(email), cancellationToken).ConfigureAwait(false);
        var s = export.Subscriber;
        var document = new
        {
            email = export.Email,
            subscriber = s is null ? null : new
            {
                id = s.Id,
                email = s.Email,
                status = s.Status.Name(),
                frequency = s.Frequency.Name(),
                topics = s.Topics,
                languages = s.Languages,
                timezone = s.TimeZone,
                deliveryHour = s.DeliveryHour,
                weeklyDay = s.WeeklyDay.Name(),
                createdAt = s.CreatedAt,
                confirmedAt = s.ConfirmedAt,
                statusChangedAt = s.StatusChangedAt,
                statusReason = s.StatusReason,
                deliveredUpTo = s.Watermark,
            },
            digests = export.Digests.Select(d => new { period = d.Period, digestId = d.DigestId, stories = d.StoryCount, sentAt = d.SentAt, outcome = d.Outcome }),
            confirmationEmails = export.ConfirmationEmailsByDay.Select(c => new { day = c.Day, count = c.Count }),
        };
        await io.Out.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
        return CommandLine.Ok;
    }

    public static async Task<int> DeleteAsync(string email, IServiceProvider services, CommandIo io, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<PersonalData>().EraseAsync(Checked(email), cancellationToken).ConfigureAwait(false);
        if (!report.ErasedAnything)
        {
            throw new UsageException($"nothing is stored for {email}");
        }

        await io.Out.WriteLineAsync(
            $"deleted {email}: subscriber {(report.SubscriberErased ? "erased" : "not found")}, {report.DigestRecordsErased} digest records, {report.RateLimitCountersErased} rate-limit counters").ConfigureAwait(false);
        return CommandLine.Ok;
    }

    /// <summary>The address as given, if it is one; else bad input.</summary>
    public static string Checked(string email) =>
        EmailAddress.TryNormalize(email, out _) ? email : throw new UsageException($"not a valid email address: {email}");
}
