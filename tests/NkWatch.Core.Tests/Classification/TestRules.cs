using System.Text;
using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

/// <summary>Small rule files written in the tests, so that each test shows the rule it exercises.</summary>
internal static class TestRules
{
    /// <summary>North Korea terms shared by the tests' rule files.</summary>
    public const string Subjects = """
        ["North Korea", "North Korean", "Kim Jong-un", "DPRK", "N. Korea", "Pyongyang",
         { "term": "NK", "caseSensitive": true, "needsContext": true, "notIn": ["Daily NK"] },
         { "term": "북한", "notIn": ["북한산"] }, "北", "탈북", "北朝鮮"]
        """;

    public static KeywordClassifier Classifier(string topics, string settings = "", string exclusions = "[]", string context = """["Seoul"]""") =>
        new(Parse($$"""
            { "version": "test", {{settings}}
              "subjects": {{Subjects}}, "context": {{context}}, "exclusions": {{exclusions}}, "topics": {{topics}} }
            """));

    /// <summary>One topic "t" with the given terms (each its own group), proximity "item" unless told.</summary>
    public static KeywordClassifier WithTerms(string terms, string topicSettings = "\"within\": \"item\",", string settings = "") =>
        Classifier($$"""[{ "id": "t", {{topicSettings}} "terms": {{terms}} }]""", settings);

    public static RuleSet Parse(string json) => RuleSetLoader.Parse(Encoding.UTF8.GetBytes(json), "test.json");

    public static NkWatch.Core.Classification.Classification Classify(this IClassifier classifier, string title, string summary = "") =>
        classifier.Classify(new ClassifierInput("item", title, summary));

    /// <summary>The original text a hit points at.</summary>
    public static string Text(this Hit hit, string title, string summary) =>
        (hit.Field == "title" ? title : summary).Substring(hit.Start, hit.Length);
}
