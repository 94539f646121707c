using System.Text.RegularExpressions;
using NkWatch.Core.Classification;

namespace NkWatch.Benchmarks.Classification;

/// <summary>
/// The baseline the classifier is measured against: the obvious way to match keyword rules, one
/// compiled, case-insensitive Regex per term (hyphen and space variants, plural endings, "*"
/// endings and word boundaries for Latin script written into the pattern), run over the title and
/// the summary. It only finds the hits; it does not score them, so the comparison flatters it.
/// </summary>
public sealed class RegexPerTermMatcher
{
    private readonly Regex[] patterns;

    public RegexPerTermMatcher(RuleSet rules)
    {
        var terms = rules.Subjects.Concat(rules.Context).Concat(rules.Exclusions)
            .Concat(rules.Topics.SelectMany(t => t.Terms.Concat(t.Exclusions)))
            .Select(t => t.Text)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        patterns = [.. terms.Select(ToRegex)];
    }

    public int Count => patterns.Length;

    public int CountHits(ClassifierInput input)
    {
        var hits = 0;
        foreach (var pattern in patterns)
        {
            for (var match = pattern.Match(input.Title); match.Success; match = match.NextMatch())
            {
                hits++;
            }

            for (var match = pattern.Match(input.Summary); match.Success; match = match.NextMatch())
            {
                hits++;
            }
        }

        return hits;
    }

    private static Regex ToRegex(string term)
    {
        var prefix = term.EndsWith('*');
        var body = prefix ? term[..^1] : term;
        var latin = body.Any(char.IsAsciiLetter);
        var pattern = string.Join(@"[\s\-\u2010\u2011]?", body.Split([' ', '-']).Select(Regex.Escape));
        pattern = latin ? $@"\b{pattern}{(prefix ? @"\w*" : "(?:e?s)?")}\b" : pattern;
        return new Regex(pattern, RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
