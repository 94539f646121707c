using NkWatch.Core.Classification.Matching;

namespace NkWatch.Core.Tests.Classification;

/// <summary>The automaton finds exactly what a plain search for every pattern finds, in English, Korean and mixed text.</summary>
public sealed class AhoCorasickAutomatonTests
{
    [Theory]
    [InlineData(1, "abcdefg ")]
    [InlineData(2, "ab ")]
    [InlineData(3, "북한인권탈 nk")]
    [InlineData(4, "ab북한 ")]
    public void Every_occurrence_of_every_pattern_is_found(int seed, string alphabet)
    {
        var random = new Random(seed);
        string Draw(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var patterns = Enumerable.Range(0, 60).Select(_ => Draw(1, 7)).Distinct().ToList();
        var automaton = AhoCorasickAutomaton.Build(patterns);
        var matches = new List<PatternMatch>();
        var spare = new List<PatternMatch>();

        for (var round = 0; round < 50; round++)
        {
            var text = Draw(0, 700);
            matches.Clear();
            automaton.Scan(text, !text.Any(c => c >= AhoCorasickAutomaton.NarrowLimit), matches, spare);

            var expected = Naive(patterns, text);
            Assert.Equal(expected, matches.OrderBy(m => m.End).ThenBy(m => m.Pattern).ToList());
        }
    }

    [Fact]
    public void Overlapping_and_nested_patterns_are_all_reported()
    {
        var automaton = AhoCorasickAutomaton.Build(["he", "she", "his", "hers", "prison camp", "political prison camp"]);
        var matches = new List<PatternMatch>();

        automaton.Scan("ushers in a political prison camp", true, matches, []);

        Assert.Equal([(1, 4), (0, 4), (3, 6), (5, 33), (4, 33)], matches.Select(m => (m.Pattern, m.End)));
    }

    private static List<PatternMatch> Naive(List<string> patterns, string text)
    {
        var found = new List<PatternMatch>();
        for (var p = 0; p < patterns.Count; p++)
        {
            for (var at = text.IndexOf(patterns[p], StringComparison.Ordinal); at >= 0; at = text.IndexOf(patterns[p], at + 1, StringComparison.Ordinal))
            {
                found.Add(new PatternMatch(p, at + patterns[p].Length));
            }
        }

        return [.. found.OrderBy(m => m.End).ThenBy(m => m.Pattern)];
    }
}
