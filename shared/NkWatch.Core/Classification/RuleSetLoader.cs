using System.Text.Json;

namespace NkWatch.Core.Classification;

/// <summary>Loads and validates a rule file; a bad file is refused with its path, line and problem.</summary>
public static class RuleSetLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static RuleSet Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationFileException(path, "file not found");
        }

        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static RuleSet Parse(Stream json, string sourceName)
    {
        RuleSet? rules;
        try
        {
            rules = JsonSerializer.Deserialize<RuleSet>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationFileException(sourceName, $"line {(ex.LineNumber ?? 0) + 1}: {ex.Message}");
        }

        if (rules is null)
        {
            throw new ConfigurationFileException(sourceName, "empty rule file");
        }

        Validate(rules, sourceName);
        return rules;
    }

    private static void Validate(RuleSet rules, string sourceName)
    {
        if (rules.Subjects.Count == 0)
        {
            throw new ConfigurationFileException(sourceName, "\"subjects\" must list at least one term");
        }

        if (rules.Topics.Count == 0)
        {
            throw new ConfigurationFileException(sourceName, "\"topics\" must list at least one topic");
        }

        if (rules.Threshold <= 0)
        {
            throw new ConfigurationFileException(sourceName, "\"threshold\" must be positive");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in rules.Topics)
        {
            if (string.IsNullOrWhiteSpace(topic.Id) || !ids.Add(topic.Id))
            {
                throw new ConfigurationFileException(sourceName, $"topic id \"{topic.Id}\" is empty or repeated");
            }

            if (topic.Terms.Count == 0 || topic.Terms.Any(t => string.IsNullOrWhiteSpace(t.Term) || t.Weight <= 0))
            {
                throw new ConfigurationFileException(sourceName, $"topic \"{topic.Id}\": every term needs text and a positive weight");
            }
        }
    }
}
