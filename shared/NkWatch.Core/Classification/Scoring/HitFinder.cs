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

    /// <summary>
    /// Puts hits in text order (title before summary, then by start, longer first). They arrive in
    /// order of their end, which is nearly that order, so an insertion sort does it in about one pass.
    /// </summary>
    private static void SortNearlySorted(Span<FoundHit> hits)
    {
        for (var i = 1; i < hits.Length; i++)
        {
            var hit = hits[i];
            var j = i - 1;
            while (j >= 0 && Before(hit, hits[j]))
            {
                hits[j + 1] = hits[j];
                j--;
            }

            hits[j + 1] = hit;
        }
    }

    private static bool Before(in FoundHit x, in FoundHit y) =>
        x.Field != y.Field ? x.Field < y.Field : x.Start != y.Start ? x.Start < y.Start : x.End > y.End;

    private static void FindInField(CompiledRules rules, string original, int field, ItemEvidence evidence)
    {
        var text = evidence.Fields[field];
        TextNormalizer.Normalize(original, text);
        rules.Automaton.Scan(text.Chars, !text.HasWideChars, evidence.Scan);
        var matches = evidence.Scan.Matches;
        var patterns = rules.PatternInfos;
        var terms = rules.TermInfos;
        foreach (var match in CollectionsMarshal.AsSpan(matches))
        {
            ref readonly var pattern = ref patterns[match.Pattern];
            var start = match.End - pattern.Length;
            var end = match.End;
            if ((start > 0 && !CharClass.IsBoundary(pattern.FirstScript, text[start - 1])) || !EndsAtBoundary(pattern, text, ref end))
            {
                continue;
            }

            if (pattern.GuardCount > 0)
            {
                evidence.Guards.Add(new GuardSpan(match.Pattern, field, start, end));
            }

            foreach (var id in rules.PatternTerms.AsSpan(pattern.TermStart, pattern.TermCount))
            {
                ref readonly var term = ref terms[id];
                if (!term.CaseSensitive || CaseMatches(original, text, start, end, rules.Terms[id].CaseLetters))
                {
                    evidence.Hits.Add(new FoundHit(id, term, field, start, end));
                }
            }
        }
    }

    /// <summary>Checks the end of a match, taking in a plural ending or, for a "word*" term, the rest of the word.</summary>
    private static bool EndsAtBoundary(in PatternInfo pattern, NormalizedText text, ref int end)
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

    /// <summary>
    /// A case-sensitive term's capitals must be capitals in the text; its lower-case letters may be
    /// either ("the North" matches "The North", not "the north"; "NK" matches "N.K.", not "nk").
    /// </summary>
    private static bool CaseMatches(string original, NormalizedText text, int start, int end, string letters)
    {
        var from = text.OriginalStart(start);
        var to = text.OriginalEnd(end - 1);
        var matched = 0;
        for (var i = from; i < to && matched < letters.Length; i++)
        {
            if (char.IsLetter(original[i]))
            {
                if (char.IsUpper(letters[matched]) && original[i] != letters[matched])
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
        var hits = evidence.HitSpan;
        foreach (var guard in evidence.Guards)
        {
            ref readonly var pattern = ref rules.PatternInfos[guard.Pattern];
            var guarded = rules.PatternGuards.AsSpan(pattern.GuardStart, pattern.GuardCount);
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
    /// for refugees while the whole counts for legislation. The hits end up in text order.
    /// </summary>
    private static void RemoveContained(CompiledRules rules, List<FoundHit> list)
    {
        var hits = CollectionsMarshal.AsSpan(list);
        SortNearlySorted(hits);
        var longest = 0;
        var removed = false;
        foreach (ref readonly var hit in hits)
        {
            longest = Math.Max(longest, hit.Length);
            removed |= hit.Removed;
        }

        for (var i = 0; i < hits.Length; i++)
        {
            ref var inner = ref hits[i];

            // In text order, a hit that contains this one starts at or before it and at most `longest` before its end.
            for (var j = i - 1; j >= 0 && hits[j].Field == inner.Field && hits[j].Start >= inner.End - longest; j--)
            {
                if (Shadows(rules, hits[j], inner, outerFirst: true))
                {
                    inner.Removed = removed = true;
                    break;
                }
            }

            for (var j = i + 1; !inner.Removed && j < hits.Length && hits[j].Field == inner.Field && hits[j].Start == inner.Start && hits[j].End == inner.End; j++)
            {
                if (Shadows(rules, hits[j], inner, outerFirst: false))
                {
                    inner.Removed = removed = true;
                }
            }
        }

        if (removed)
        {
            list.RemoveAll(static h => h.Removed);
        }
    }

    private static bool Shadows(CompiledRules rules, in FoundHit outer, in FoundHit inner, bool outerFirst) =>
        !outer.Removed && outer.Layer == inner.Layer && outer.Topic == inner.Topic && outer.Start <= inner.Start && outer.End >= inner.End
        && (outer.Length > inner.Length || Heavier(rules, outer, inner, outerFirst));

    /// <summary>Of two hits on the very same text, the one with the greater weight (or, equal, the earlier) stays.</summary>
    private static bool Heavier(CompiledRules rules, in FoundHit outer, in FoundHit inner, bool outerFirst)
    {
        if (outer.Length != inner.Length)
        {
            return false;
        }

        var a = rules.TermInfos[outer.Term].Weight;
        var b = rules.TermInfos[inner.Term].Weight;
        return a > b || (a == b && outerFirst);
    }
}
