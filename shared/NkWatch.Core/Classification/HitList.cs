namespace NkWatch.Core.Classification;

/// <summary>A classification's hits, one small struct each until read.</summary>
internal sealed class HitList(CompiledRules rules, HitList.Entry[] entries) : MaterialisedOnRead<HitList.Entry, Hit>(entries)
{
    protected override Hit Materialise(in Entry entry)
    {
        var term = rules.Terms[entry.Term];
        var topic = term.Layer switch
        {
            TermLayer.Subject => KeywordClassifier.SubjectTopic,
            TermLayer.Exclusion => KeywordClassifier.ExclusionTopic,
            TermLayer.Context => KeywordClassifier.ContextTopic,
            _ => rules.Topics[term.Topic].Rule.Id,
        };
        return new Hit(term.Rule.Text, topic, entry.Title ? KeywordClassifier.TitleField : KeywordClassifier.SummaryField, entry.Start, entry.Length);
    }

    /// <summary>A hit before it is read: the term's number, the field, and where it stands in the original text.</summary>
    internal readonly record struct Entry(int Term, bool Title, int Start, int Length);
}

internal static class HitEntries
{
    /// <summary>Whether an exclusion with the same words already stands at the same place.</summary>
    public static bool ContainsSameExclusion(this Span<HitList.Entry> entries, HitList.Entry entry, CompiledRules rules)
    {
        foreach (var other in entries)
        {
            if (other.Title == entry.Title && other.Start == entry.Start && other.Length == entry.Length
                && rules.Terms[other.Term] is { Layer: TermLayer.Exclusion } first && first.Rule.Text == rules.Terms[entry.Term].Rule.Text)
            {
                return true;
            }
        }

        return false;
    }
}
