using System.Runtime.InteropServices;
using NkWatch.Core.Classification.Matching;

namespace NkWatch.Core.Classification.Scoring;

/// <summary>
/// Finds the rules' terms in an item's title and summary: one automaton pass per field over the
/// folded text, then the checks a plain substring match cannot make (word boundaries in Latin and
/// Han script, -s/-es plurals, case-sensitive terms, "notIn" phrases), and finally longest match
/// wins among overlapping terms of the same topic.
/// </summary>
internal static class HitFinder
{
    public static void Find(CompiledRules rules, string title, string summary, ItemEvidence evidence)
    {
        evidence.Reset();
        FindInField(rules, title, FoundHit.Title, evidence);
        FindInField(rules, summary, FoundHit.Summary, evidence);
        if (evidence.Hits.Count == 0)
        {
            return;
        }

        if (evidence.Guards.Count > 0)
        {
            ApplyGuards(rules, evidence);
        }

        RemoveContained(rules, evidence.Hits);
    }

    private static void FindInField(CompiledRules rules, string original, int field, ItemEvidence evidence)
    {
        var text = evidence.Fields[field];
        TextNormalizer.Normalize(original, text);
        var matches = evidence.Matches;
        matches.Clear();
        rules.Automaton.Scan(text.Chars, matches);
        foreach (var match in matches)
        {
            var pattern = rules.Patterns[match.Pattern];
            var start = match.End - pattern.Text.Length;
            var end = match.End;
            if ((start > 0 && !CharClass.IsBoundary(pattern.FirstScript, text[start - 1])) || !EndsAtBoundary(pattern, text, ref end))
            {
                continue;
            }

            if (pattern.Guards.Length > 0)
            {
                evidence.Guards.Add(new GuardSpan(match.Pattern, field, start, end));
            }

            foreach (var id in pattern.Terms)
            {
                var term = rules.Terms[id];
                if (!term.Rule.CaseSensitive || CaseMatches(original, text, start, end, term.CaseLetters))
                {
                    evidence.Hits.Add(new FoundHit(id, field, start, end));
                }
            }
        }
    }

    /// <summary>Checks the end of a match, taking in a plural ending or, for a "word*" term, the rest of the word.</summary>
    private static bool EndsAtBoundary(CompiledPattern pattern, NormalizedText text, ref int end)
    {
        if (pattern.Prefix)
        {
            while (end < text.Length && CharClass.ScriptOf(text[end]) == Script.Latin)
            {
                end++;
            }

            return true;
        }

        if (end == text.Length || CharClass.IsBoundary(pattern.LastScript, text[end]))
        {
            return true;
        }

        if (!pattern.AllowPlural)
        {
            return false;
        }

        var suffix = text[end] == 's' ? 1 : text[end] == 'e' && end + 1 < text.Length && text[end + 1] == 's' ? 2 : 0;
        if (suffix == 0 || (end + suffix < text.Length && !CharClass.IsBoundary(Script.Latin, text[end + suffix])))
        {
            return false;
        }

        end += suffix;
        return true;
    }

    private static bool CaseMatches(string original, NormalizedText text, int start, int end, string letters)
    {
        var from = text.OriginalStart(start);
        var to = text.OriginalEnd(end - 1);
        var matched = 0;
        for (var i = from; i < to && matched < letters.Length; i++)
        {
            if (char.IsLetter(original[i]))
            {
                if (original[i] != letters[matched])
                {
                    return false;
                }

                matched++;
            }
        }

        return matched == letters.Length;
    }

    private static void ApplyGuards(CompiledRules rules, ItemEvidence evidence)
    {
        var hits = CollectionsMarshal.AsSpan(evidence.Hits);
        foreach (var guard in evidence.Guards)
        {
            var guarded = rules.Patterns[guard.Pattern].Guards;
            foreach (ref var hit in hits)
            {
                if (hit.Field == guard.Field && hit.Start >= guard.Start && hit.End <= guard.End && guarded.Contains(hit.Term))
                {
                    hit.Removed = true;
                }
            }
        }
    }

    /// <summary>
    /// Among the North Korea terms, and among one topic's theme terms (or exclusions), a hit lying
    /// inside a longer hit is dropped ("prison camp" inside "political prison camp"), and of two
    /// terms matching the very same text only the heavier counts ("escapees" is an escapee, not also
    /// an escape). Topics do not shadow each other: "defector" inside "Defectors' Day" still counts
    /// for refugees while the whole counts for legislation.
    /// </summary>
    private static void RemoveContained(CompiledRules rules, List<FoundHit> list)
    {
        var hits = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < hits.Length; i++)
        {
            ref var inner = ref hits[i];
            if (inner.Removed)
            {
                continue;
            }

            var term = rules.Terms[inner.Term];
            for (var j = 0; j < hits.Length; j++)
            {
                ref readonly var outer = ref hits[j];
                if (i == j || outer.Removed || outer.Field != inner.Field || outer.Start > inner.Start || outer.End < inner.End
                    || rules.Terms[outer.Term] is var other && (other.Layer != term.Layer || other.Topic != term.Topic))
                {
                    continue;
                }

                // Same place, same topic: the span counts once, for its heavier term (or the first listed).
                var longer = outer.End - outer.Start > inner.End - inner.Start;
                var sameSpan = !longer && (other.Weight > term.Weight || (other.Weight == term.Weight && j < i));
                if (longer || sameSpan)
                {
                    inner.Removed = true;
                    break;
                }
            }
        }

        list.RemoveAll(h => h.Removed);
    }
}
