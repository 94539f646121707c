using System.Globalization;
using System.Text;

namespace NkWatch.Core.Classification;

/// <summary>
/// The classifier's reasons in words, for a person: every hit quoted from the text with where it
/// stands, then each topic's score, the hits that counted and why the topic fired or not.
/// </summary>
public static class ClassificationExplanation
{
    private const int QuoteLimit = 60;

    public static string Describe(ClassifierInput input, Classification result)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"{result.Id}: {(result.Relevant ? "RELEVANT" : "not relevant")}, score {result.Score:0.###}");
        text.Append(result.Topics.Count > 0 ? $", topics {string.Join(", ", result.Topics)}" : string.Empty).AppendLine();
        if (result.Hits.Count == 0)
        {
            text.AppendLine("  no term of the rules in the title or summary");
            return text.ToString();
        }

        foreach (var group in result.Hits.GroupBy(h => h.Topic))
        {
            text.Append(c, $"  {group.Key,-18}");
            text.AppendJoin("; ", group.Select(h => Quote(input, h.Field, h.Start, h.Length, h.Term)));
            text.AppendLine();
        }

        if (result.Breakdown.Count == 0)
        {
            text.AppendLine("  => no North Korea term (nor a term that implies it) where theme terms could count");
        }

        foreach (var topic in result.Breakdown)
        {
            text.Append(c, $"  => {topic.Topic}: {topic.Note}").AppendLine();
            foreach (var term in topic.Terms)
            {
                text.Append(c, $"       +{term.Points:0.##} {term.Group}: {Quote(input, term.Field, term.Start, term.Length, term.Term)}").AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Quote(ClassifierInput input, string field, int start, int length, string term)
    {
        var source = field == KeywordClassifier.TitleField ? input.Title : input.Summary;
        var matched = source is not null && start >= 0 && start + length <= source.Length ? source.Substring(start, length) : "?";
        if (matched.Length > QuoteLimit)
        {
            matched = matched[..QuoteLimit] + "...";
        }

        var same = string.Equals(matched, term, StringComparison.OrdinalIgnoreCase);
        return string.Create(CultureInfo.InvariantCulture, $"\"{matched}\"{(same ? string.Empty : $" ({term})")} {field}@{start}");
    }
}
