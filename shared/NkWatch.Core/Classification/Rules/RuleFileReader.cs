using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NkWatch.Core.Classification.Matching;

namespace NkWatch.Core.Classification.Rules;

/// <summary>
/// Reads config/rules.json into a <see cref="RuleSet"/>, refusing anything it does not understand
/// with the line it is on: an unknown field (a typo would otherwise be silently ignored), a wrong
/// type, a weight that is not positive, a term that folds to nothing, a topic that can never fire.
/// </summary>
internal static partial class RuleFileReader
{
    private static readonly string[] RootFields = ["version", "description", "threshold", "titleWeight", "within", "titleCoversSummary", "subjects", "context", "exclusions", "topics"];
    private static readonly string[] TopicFields = ["id", "name", "description", "general", "threshold", "within", "groups", "terms", "exclusions"];
    private static readonly string[] GroupFields = ["name", "weight", "required", "terms"];
    private static readonly string[] ReservedTopicIds = ["subject", "context", "exclusion"];

    private enum TermRole
    {
        Subject,
        Context,
        Exclusion,
        Theme,
    }

    public static RuleSet Read(ReadOnlySpan<byte> utf8, string file)
    {
        var root = LocatedJson.Parse(utf8, file);
        var reader = new Context(file);
        return reader.ReadRoot(root);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex TopicIdPattern();

    private sealed class Context(string file)
    {
        public RuleSet ReadRoot(LocatedJson root)
        {
            Expect(root, JsonValueKind.Object, "the rules");
            CheckFields(root, RootFields, "the rules");
            var version = RequiredText(root, "version", "the rules");
            var threshold = PositiveNumber(root, "threshold") ?? 3.0;
            var titleWeight = PositiveNumber(root, "titleWeight") ?? 1.5;
            var within = ReadProximity(root) ?? Proximity.Words(20);
            var titleCovers = Flag(root, "titleCoversSummary") ?? true;
            var subjects = Terms(Require(root, "subjects", "the rules"), TermRole.Subject, "\"subjects\"", null);
            var context = Field(root, "context") is { } cx ? Terms(cx, TermRole.Context, "\"context\"", null) : [];
            var exclusions = Field(root, "exclusions") is { } ex ? Terms(ex, TermRole.Exclusion, "\"exclusions\"", null) : [];
            var topicsNode = Require(root, "topics", "the rules");
            Expect(topicsNode, JsonValueKind.Array, "\"topics\"");
            if (topicsNode.Items.Count == 0)
            {
                throw Error(topicsNode, "\"topics\" must list at least one topic");
            }

            var topics = new List<TopicRule>();
            foreach (var node in topicsNode.Items)
            {
                var topic = ReadTopic(node, threshold, titleWeight);
                var earlier = topics.FirstOrDefault(t => t.Id == topic.Id);
                if (earlier is not null)
                {
                    throw Error(node, $"topic id \"{topic.Id}\" is used twice");
                }

                if (topic.General && topics.FirstOrDefault(t => t.General) is { } general)
                {
                    throw Error(Field(node, "general")!, $"topic \"{topic.Id}\": only one topic may be general, and \"{general.Id}\" already is");
                }

                topics.Add(topic);
            }

            return new RuleSet
            {
                Version = version,
                Threshold = threshold,
                TitleWeight = titleWeight,
                Within = within,
                TitleCoversSummary = titleCovers,
                Subjects = subjects,
                Context = context,
                Exclusions = exclusions,
                Topics = topics,
            };
        }

        private TopicRule ReadTopic(LocatedJson node, double defaultThreshold, double titleWeight)
        {
            Expect(node, JsonValueKind.Object, "a topic");
            var id = RequiredText(node, "id", "a topic");
            if (!TopicIdPattern().IsMatch(id) || ReservedTopicIds.Contains(id))
            {
                throw Error(Field(node, "id")!, $"topic id \"{id}\" must be lower-case letters, digits and hyphens (at most 40), and not \"subject\", \"context\" or \"exclusion\"");
            }

            var what = $"topic \"{id}\"";
            CheckFields(node, TopicFields, what);
            var groups = new List<TermGroup>();
            if (Field(node, "groups") is { } groupsNode)
            {
                Expect(groupsNode, JsonValueKind.Array, $"{what}: \"groups\"");
                groups.AddRange(groupsNode.Items.Select((g, i) => ReadGroup(g, what, i + 1)));
            }

            if (Field(node, "terms") is { } termsNode)
            {
                // Shorthand: each term of "terms" is a group of its own, weighing what the term says.
                groups.AddRange(Terms(termsNode, TermRole.Theme, $"{what}: \"terms\"", 1.0).Select(t => new TermGroup
                {
                    Name = t.Text,
                    Weight = t.Weight ?? 1.0,
                    Terms = [t],
                }));
            }

            if (groups.Count == 0)
            {
                throw Error(node, $"{what} has no terms: give \"groups\" or \"terms\"");
            }

            CheckRepeatedTerms(groups.SelectMany(g => g.Terms), what);
            var topic = new TopicRule
            {
                Id = id,
                Name = OptionalText(node, "name") ?? id,
                Description = OptionalText(node, "description") ?? string.Empty,
                General = Flag(node, "general") ?? false,
                Threshold = PositiveNumber(node, "threshold"),
                Within = ReadProximity(node),
                Groups = groups,
                Exclusions = Field(node, "exclusions") is { } ex ? Terms(ex, TermRole.Exclusion, $"{what}: \"exclusions\"", null) : [],
            };

            var threshold = topic.Threshold ?? defaultThreshold;
            var best = groups.Sum(g => g.Terms.Max(t => t.Weight ?? g.Weight)) * titleWeight;
            if (best < threshold)
            {
                throw Error(node, string.Create(CultureInfo.InvariantCulture, $"{what} can never fire: all its groups together score at most {best:0.##}, below its threshold {threshold:0.##}"));
            }

            return topic;
        }

        private TermGroup ReadGroup(LocatedJson node, string topic, int number)
        {
            Expect(node, JsonValueKind.Object, $"{topic}: a group");
            var name = OptionalText(node, "name") ?? $"group {number}";
            var what = $"{topic}, group \"{name}\"";
            CheckFields(node, GroupFields, what);
            var weight = PositiveNumber(node, "weight") ?? 1.0;
            return new TermGroup
            {
                Name = name,
                Weight = weight,
                Required = Flag(node, "required") ?? false,
                Terms = Terms(Require(node, "terms", what), TermRole.Theme, what, null),
            };
        }

        private List<TermRule> Terms(LocatedJson node, TermRole role, string what, double? defaultWeight)
        {
            Expect(node, JsonValueKind.Array, what);
            if (node.Items.Count == 0 && role is TermRole.Subject or TermRole.Theme)
            {
                throw Error(node, $"{what} must list at least one term");
            }

            var terms = node.Items.Select(item => ReadTerm(item, role, what, defaultWeight)).ToList();
            CheckRepeatedTerms(terms, what);
            return terms;
        }

        private TermRule ReadTerm(LocatedJson node, TermRole role, string what, double? defaultWeight)
        {
            if (node.Kind == JsonValueKind.String)
            {
                return CheckTerm(new TermRule { Text = node.Text!, Weight = defaultWeight, Line = node.Line }, node, what);
            }

            Expect(node, JsonValueKind.Object, $"{what}: a term");
            string[] allowed = role switch
            {
                TermRole.Subject => ["term", "caseSensitive", "needsContext", "notIn"],
                TermRole.Context => ["term", "caseSensitive", "notIn"],
                TermRole.Exclusion => ["term", "caseSensitive", "notIn", "scope"],
                _ => ["term", "weight", "caseSensitive", "impliesSubject", "notIn"],
            };
            CheckFields(node, allowed, $"{what}: a term");
            var text = RequiredText(node, "term", $"{what}: a term");
            var (scope, scopeWords) = ReadScope(node);
            var term = new TermRule
            {
                Text = text,
                Weight = PositiveNumber(node, "weight") ?? defaultWeight,
                CaseSensitive = Flag(node, "caseSensitive") ?? false,
                NeedsContext = Flag(node, "needsContext") ?? false,
                ImpliesSubject = Flag(node, "impliesSubject") ?? false,
                NotIn = Field(node, "notIn") is { } notIn ? Texts(notIn, $"{what}: \"notIn\" of \"{text}\"") : [],
                Scope = scope,
                ScopeWords = scopeWords,
                Line = node.Line,
            };
            return CheckTerm(term, node, what);
        }

        private TermRule CheckTerm(TermRule term, LocatedJson node, string what)
        {
            var body = term.Text.EndsWith('*') ? term.Text[..^1] : term.Text;
            if (body.Contains('*', StringComparison.Ordinal))
            {
                throw Error(node, $"{what}: \"{term.Text}\": '*' may only end a term");
            }

            var folded = TextNormalizer.Fold(body);
            if (folded.Length == 0 || !CharClass.IsWordChar(folded[0]) || !CharClass.IsWordChar(folded[^1]))
            {
                throw Error(node, $"{what}: \"{term.Text}\" must begin and end with a letter or digit");
            }

            if (term.Text.EndsWith('*') && folded.Split(' ')[^1].Length < 4)
            {
                throw Error(node, $"{what}: \"{term.Text}\": a word ending in '*' needs at least four letters before it");
            }

            if (term.CaseSensitive && !term.Text.Any(char.IsLetter))
            {
                throw Error(node, $"{what}: \"{term.Text}\" is case-sensitive but has no letters");
            }

            foreach (var phrase in term.NotIn)
            {
                if (!TextNormalizer.Fold(phrase).Contains(folded, StringComparison.Ordinal))
                {
                    throw Error(node, $"{what}: \"notIn\" phrase \"{phrase}\" does not contain \"{term.Text}\", so it could never apply");
                }
            }

            return term;
        }

        private void CheckRepeatedTerms(IEnumerable<TermRule> terms, string what)
        {
            var seen = new Dictionary<string, TermRule>(StringComparer.Ordinal);
            foreach (var term in terms)
            {
                var key = TextNormalizer.Fold(term.Text);
                if (seen.TryGetValue(key, out var earlier))
                {
                    throw new RuleFileException(file, term.Line, $"{what}: \"{term.Text}\" is already listed (line {earlier.Line})");
                }

                seen[key] = term;
            }
        }

        private (ExclusionScope Scope, int Words) ReadScope(LocatedJson node)
        {
            var scope = Field(node, "scope");
            if (scope is null)
            {
                return (ExclusionScope.Item, 0);
            }

            if (scope.Kind == JsonValueKind.Number)
            {
                return (ExclusionScope.Words, WordCount(scope, "\"scope\""));
            }

            return scope.Text switch
            {
                "item" => (ExclusionScope.Item, 0),
                "sentence" => (ExclusionScope.Sentence, 0),
                _ => throw Error(scope, $"\"scope\" must be \"item\", \"sentence\" or a number of words, not {scope}"),
            };
        }

        private Proximity? ReadProximity(LocatedJson node)
        {
            var within = Field(node, "within");
            if (within is null)
            {
                return null;
            }

            switch (within.Kind)
            {
                case JsonValueKind.Number:
                    return Proximity.Words(WordCount(within, "\"within\""));
                case JsonValueKind.String when within.Text == "sentence":
                    return Proximity.Sentence;
                case JsonValueKind.String when within.Text == "item":
                    return Proximity.Item;
                case JsonValueKind.Object:
                    CheckFields(within, ["words", "sentence"], "\"within\"");
                    var words = Field(within, "words") is { } w ? WordCount(w, "\"within\".\"words\"") : 0;
                    var sentence = Flag(within, "sentence") ?? false;
                    if (words == 0 && !sentence)
                    {
                        throw Error(within, "\"within\" needs \"words\", \"sentence\": true, or both");
                    }

                    return new Proximity(words, sentence, false);
                default:
                    throw Error(within, $"\"within\" must be a number of words, \"sentence\", \"item\" or {{\"words\": N, \"sentence\": true}}, not {within}");
            }
        }

        private int WordCount(LocatedJson node, string what)
        {
            if (node.Kind != JsonValueKind.Number || node.Number != Math.Floor(node.Number) || node.Number < 1 || node.Number > 1000)
            {
                throw Error(node, $"{what} must be a whole number of words from 1 to 1000, not {node}");
            }

            return (int)node.Number;
        }

        private List<string> Texts(LocatedJson node, string what)
        {
            Expect(node, JsonValueKind.Array, what);
            return [.. node.Items.Select(item =>
            {
                Expect(item, JsonValueKind.String, what);
                return item.Text!;
            })];
        }

        private double? PositiveNumber(LocatedJson node, string name)
        {
            var value = Field(node, name);
            if (value is null)
            {
                return null;
            }

            if (value.Kind != JsonValueKind.Number || !double.IsFinite(value.Number) || value.Number <= 0 || value.Number > 1000)
            {
                throw Error(value, $"\"{name}\" must be a positive number (at most 1000), not {value}");
            }

            return value.Number;
        }

        private bool? Flag(LocatedJson node, string name)
        {
            var value = Field(node, name);
            return value?.Kind switch
            {
                null => null,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(value, $"\"{name}\" must be true or false, not {value}"),
            };
        }

        private string RequiredText(LocatedJson node, string name, string what)
        {
            var value = Require(node, name, what);
            Expect(value, JsonValueKind.String, $"\"{name}\"");
            return string.IsNullOrWhiteSpace(value.Text) ? throw Error(value, $"\"{name}\" must not be empty") : value.Text;
        }

        private string? OptionalText(LocatedJson node, string name)
        {
            var value = Field(node, name);
            if (value is null)
            {
                return null;
            }

            Expect(value, JsonValueKind.String, $"\"{name}\"");
            return value.Text;
        }

        private LocatedJson Require(LocatedJson node, string name, string what) =>
            Field(node, name) ?? throw Error(node, $"{what} needs \"{name}\"");

        private static LocatedJson? Field(LocatedJson node, string name) =>
            node.Properties.FirstOrDefault(p => p.Name == name)?.Value;

        private void CheckFields(LocatedJson node, string[] allowed, string what)
        {
            foreach (var property in node.Properties.Where(p => !allowed.Contains(p.Name)))
            {
                var guess = allowed.FirstOrDefault(a => EditDistance(a.ToUpperInvariant(), property.Name.ToUpperInvariant()) <= 2);
                var hint = guess is null ? $"the fields are {string.Join(", ", allowed)}" : $"did you mean \"{guess}\"?";
                throw new RuleFileException(file, property.Line, $"{what}: unknown field \"{property.Name}\" ({hint})");
            }
        }

        private void Expect(LocatedJson node, JsonValueKind kind, string what)
        {
            if (node.Kind != kind)
            {
                var expected = kind switch
                {
                    JsonValueKind.Object => "an object",
                    JsonValueKind.Array => "a list",
                    _ => "a string",
                };
                throw Error(node, $"{what} must be {expected}, not {node.KindName}");
            }
        }

        private RuleFileException Error(LocatedJson node, string problem) => new(file, node.Line, problem);

        private static int EditDistance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }

                previous = current;
            }

            return previous[b.Length];
        }
    }
}
