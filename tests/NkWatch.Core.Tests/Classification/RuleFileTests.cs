using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

/// <summary>A bad rule file is refused with the file, the line and what is wrong; a good one reads as written.</summary>
public sealed class RuleFileTests
{
    private const string Subjects = "\"subjects\": [\"North Korea\"],";

    [Theory]
    [InlineData("{\n  \"version\": \"1\",\n  \"subjects\": [\"North Korea\"]\n  \"topics\": []\n}", 4, "not valid JSON")]
    [InlineData("{\n  \"version\": \"1\",\n  " + Subjects + "\n  \"treshold\": 3,\n  \"topics\": []\n}", 4, "unknown field \"treshold\" (did you mean \"threshold\"?)")]
    [InlineData("{\n  \"version\": \"1\",\n  " + Subjects + "\n  \"topics\": []\n}", 4, "\"topics\" must list at least one topic")]
    [InlineData("{\n  \"version\": \"1\",\n  \"topics\": [{ \"id\": \"t\", \"terms\": [\"x\"] }]\n}", 1, "the rules needs \"subjects\"")]
    [InlineData("{\n  " + Subjects + "\n  \"topics\": [{ \"id\": \"t\", \"terms\": [\"x\"] }]\n}", 1, "needs \"version\"")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"threshold\": -1,\n  \"topics\": [{ \"id\": \"t\", \"terms\": [\"x\"] }] }", 2, "\"threshold\" must be a positive number")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\n      { \"term\": \"x\", \"weight\": 0 }] }] }", 4, "\"weight\" must be a positive number")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"Bad Id\", \"terms\": [\"x\"] }] }", 3, "topic id \"Bad Id\" must be lower-case letters")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"subject\", \"terms\": [\"x\"] }] }", 3, "not \"subject\"")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [{ \"term\": \"x\", \"weight\": 3 }] },\n    { \"id\": \"t\", \"terms\": [{ \"term\": \"y\", \"weight\": 3 }] }] }", 4, "topic id \"t\" is used twice")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\n      { \"term\": \"x\", \"weight\": 3 },\n      { \"term\": \"X\", \"weight\": 3 }] }] }", 5, "\"X\" is already listed (line 4)")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\n      \"--\"] }] }", 4, "must begin and end with a letter or digit")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\n      \"re*patriation\"] }] }", 4, "'*' may only end a term")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\n      \"un*\"] }] }", 4, "needs at least four letters")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\n      { \"term\": \"NK\", \"weight\": 3, \"notIn\": [\"Daily News\"] }] }] }", 4, "does not contain \"NK\"")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\n      { \"term\": \"x\", \"needsContext\": true }] }] }", 4, "unknown field \"needsContext\"")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"within\": 0, \"terms\": [\"x\"] }] }", 3, "\"within\" must be a whole number of words from 1 to 1000")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"within\": \"paragraph\", \"terms\": [\"x\"] }] }", 3, "\"within\" must be a number of words")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\"x\"],\n      \"exclusions\": [{ \"term\": \"y\", \"scope\": \"page\" }] }] }", 4, "\"scope\" must be \"item\", \"sentence\" or a number of words")]
    [InlineData("{ \"version\": \"1\", \"threshold\": 3.5, " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"terms\": [\"x\", \"y\"] }] }", 3, "topic \"t\" can never fire: all its groups together score at most 3, below its threshold 3.5")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\", \"groups\": [\n      { \"name\": \"g\", \"terms\": [] }] }] }", 4, "must list at least one term")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"t\" }] }", 3, "topic \"t\" has no terms")]
    [InlineData("{ \"version\": 1, " + Subjects + "\n  \"topics\": [{ \"id\": \"t\", \"terms\": [\"x\"] }] }", 1, "\"version\" must be a string, not a number")]
    [InlineData("{ \"version\": \"1\", \"version\": \"2\" }", 1, "\"version\" is given twice")]
    [InlineData("", 1, "the file is empty")]
    [InlineData("{ \"version\": \"1\", " + Subjects + "\n  \"topics\": [\n    { \"id\": \"a\", \"general\": true, \"terms\": [{ \"term\": \"x\", \"weight\": 3 }] },\n    { \"id\": \"b\", \"general\": true, \"terms\": [{ \"term\": \"y\", \"weight\": 3 }] }] }", 4, "only one topic may be general, and \"a\" already is")]
    public void A_bad_rule_file_is_refused_with_its_line_and_problem(string json, int line, string problem)
    {
        var error = Assert.Throws<ConfigurationFileException>(() => TestRules.Parse(json));

        Assert.Equal($"test.json:{line}", error.Path);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"test.json:{line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_file_reads_as_written_with_comments_and_trailing_commas()
    {
        var rules = TestRules.Parse("""
            // The rules of a test.
            {
              "version": "2026.1",
              "threshold": 4,
              "titleWeight": 2,
              "within": { "words": 12, "sentence": true },
              "titleCoversSummary": false,
              "subjects": ["North Korea", { "term": "NK", "caseSensitive": true, "needsContext": true, "notIn": ["Daily NK"] }],
              "context": ["Seoul"],
              "exclusions": ["KOSPI", { "term": "missile", "scope": "sentence" }, { "term": "weapons", "scope": 3 }],
              "topics": [
                { "id": "refugees", "name": "Refugees", "description": "Escape and return", "threshold": 3, "within": "sentence",
                  "groups": [{ "name": "people", "weight": 2, "required": true, "terms": ["defector", { "term": "escapee", "weight": 3 }] }],
                  "terms": [{ "term": "kwanliso", "weight": 4, "impliesSubject": true }],
                  "exclusions": [{ "term": "film", "scope": "sentence" }], },
              ],
            }
            """);

        Assert.Equal("2026.1", rules.Version);
        Assert.Equal((4.0, 2.0, false), (rules.Threshold, rules.TitleWeight, rules.TitleCoversSummary));
        Assert.Equal(new Proximity(12, true, false), rules.Within);
        Assert.Equal(["North Korea", "NK"], rules.Subjects.Select(s => s.Text));
        Assert.True(rules.Subjects[1] is { CaseSensitive: true, NeedsContext: true, NotIn: ["Daily NK"] });
        Assert.Equal([ExclusionScope.Item, ExclusionScope.Sentence, ExclusionScope.Words], rules.Exclusions.Select(e => e.Scope));
        Assert.Equal(3, rules.Exclusions[2].ScopeWords);
        var topic = Assert.Single(rules.Topics);
        Assert.Equal(("refugees", "Refugees", "Escape and return", 3.0), (topic.Id, topic.Name, topic.Description, topic.Threshold!.Value));
        Assert.Equal(Proximity.Sentence, topic.Within);
        Assert.Equal(["people", "kwanliso"], topic.Groups.Select(g => g.Name));
        Assert.True(topic.Groups[0].Required);
        Assert.Equal([null, 3.0, 4.0], topic.Terms.Select(t => t.Weight));
        Assert.Equal(14, topic.Terms.Single(t => t.Text == "kwanliso").Line);
    }

    [Fact]
    public void The_shipped_rules_are_good()
    {
        var rules = RuleSetLoader.Load(TestPaths.Config("rules.json"));

        Assert.Equal(11, rules.Topics.Count);
        Assert.Equal("human-rights", Assert.Single(rules.Topics, t => t.General).Id);
        Assert.All(rules.Topics, t => Assert.False(string.IsNullOrWhiteSpace(t.Name) || string.IsNullOrWhiteSpace(t.Description)));

        // Every topic has terms in Korean (Hangul) and in Japanese (kana, or the Han words Japanese writes).
        Assert.All(rules.Topics, t => Assert.Contains(t.Terms, term => term.Text.Any(c => c is >= '\uAC00' and <= '\uD7A3')));
        Assert.All(rules.Topics, t => Assert.Contains(t.Terms, term => term.Text.Any(c => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF')));
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_path()
    {
        var error = Assert.Throws<ConfigurationFileException>(() => RuleSetLoader.Load("/no/such/rules.json"));

        Assert.Equal("/no/such/rules.json: file not found", error.Message);
    }
}
