using System.Globalization;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Web.Forms;

/// <summary>
/// Reads the preference fields shared by the subscribe and preferences forms (and their JSON
/// twins): <c>frequency</c>, <c>topics</c>, <c>language</c>, <c>timezone</c>, <c>deliveryHour</c>,
/// <c>weeklyDay</c>. A missing field keeps its current value; a wrong one is an error, never guessed.
/// </summary>
public static class PreferencesReader
{
    public static SubscriberPreferences Read(FormFields fields, SubscriberPreferences current, SubscriptionChoices choices, FieldErrors errors)
    {
        var preferences = current;
        if (fields.Single("frequency", errors) is { } frequencyText)
        {
            if (TryParseName<Frequency>(frequencyText, out var frequency))
            {
                preferences = preferences with { Frequency = frequency };
            }
            else
            {
                errors.Add("frequency", "Choose as they happen, daily or weekly.");
            }
        }

        if (fields.Has("topics") || fields.Has("topicsShown"))
        {
            preferences = preferences with { Topics = ReadSet("topics", fields.Many("topics"), choices.Topics.Select(t => t.Id), "Choose topics from the list.", errors) };
        }

        if (fields.Has("language") || fields.Has("languagesShown"))
        {
            var wanted = fields.Many("language").Where(l => l != "all").ToList();
            preferences = preferences with { Languages = ReadSet("language", wanted, choices.Languages.Select(l => l.Code), "Choose languages from the list.", errors) };
        }

        if (fields.Single("timezone", errors) is { } zoneText)
        {
            if (TimeZones.TryNormalize(zoneText, out var zone))
            {
                preferences = preferences with { TimeZone = zone };
            }
            else
            {
                errors.Add("timezone", "Choose a time zone from the list.");
            }
        }

        if (fields.Single("deliveryHour", errors) is { } hourText)
        {
            if (int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and <= 23)
            {
                preferences = preferences with { DeliveryHour = hour };
            }
            else
            {
                errors.Add("deliveryHour", "Choose an hour from 0 to 23.");
            }
        }

        if (fields.Single("weeklyDay", errors) is { } dayText)
        {
            if (TryParseName<DayOfWeek>(dayText, out var day))
            {
                preferences = preferences with { WeeklyDay = day };
            }
            else
            {
                errors.Add("weeklyDay", "Choose a day of the week.");
            }
        }

        return preferences;
    }

    /// <summary>
    /// Exactly one of the enum's names (any case). Not Enum.TryParse: it also reads numbers and
    /// comma lists as flags, so "Monday,Tuesday" would be stored as Wednesday.
    /// </summary>
    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum
    {
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }

    /// <summary>Known values only, each once, in the order offered; ticking every one means "all" (empty).</summary>
    private static List<string> ReadSet(string field, IReadOnlyList<string> given, IEnumerable<string> offered, string problem, FieldErrors errors)
    {
        var known = offered.ToList();
        if (given.Count > SubscriberPreferences.MaxTopics || given.Any(g => !known.Contains(g, StringComparer.Ordinal)))
        {
            errors.Add(field, problem);
            return [];
        }

        var chosen = known.Where(given.Contains).ToList();
        return chosen.Count == known.Count ? [] : chosen;
    }
}
