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
    public void Every_occurrence_of_every_pattern_is_found_however_the_text_is_split_into_walks(int seed, string alphabet)
    {
        var random = new Random(seed);
        string Draw(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var patterns = Enumerable.Range(0, 60).Select(_ => Draw(1, 7)).Distinct().ToList();
        var automaton = AhoCorasickAutomaton.Build(patterns);
        var scan = new ScanBuffers();

        for (var round = 0; round < 60; round++)
        {
            var text = Draw(0, round * 12);
            automaton.Scan(text, !text.Any(c => c >= AhoCorasickAutomaton.NarrowLimit), scan);

            var expected = Naive(patterns, text);
            Assert.Equal(expected, scan.Matches.OrderBy(m => m.End).ThenBy(m => m.Pattern).ToList());
            Assert.Equal(scan.Matches.Select(m => m.End).Order(), scan.Matches.Select(m => m.End));
        }
    }

    [Fact]
    public void Overlapping_and_nested_patterns_are_all_reported()
    {
        var automaton = AhoCorasickAutomaton.Build(["he", "she", "his", "hers", "prison camp", "political prison camp"]);
        var scan = new ScanBuffers();

        automaton.Scan("ushers in a political prison camp", true, scan);

        Assert.Equal([(1, 4), (0, 4), (3, 6), (5, 33), (4, 33)], scan.Matches.Select(m => (m.Pattern, m.End)));
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
