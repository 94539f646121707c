namespace NkWatch.Infra.Tests.Support;

/// <summary>
/// Flattens the block mappings of a small YAML file into dotted keys ("services.functions.host").
/// Enough for azure.yaml; sequences, flow style and multi-line scalars are not supported.
/// </summary>
internal static class SimpleYaml
{
    public static IReadOnlyDictionary<string, string> Flatten(string yaml)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = new List<(int Indent, string Key)>();
        foreach (var raw in yaml.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var separator = line.IndexOf(':', StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var key = line[indent..separator].Trim();
            var value = line[(separator + 1)..].Trim();
            path.RemoveAll(p => p.Indent >= indent);
            var fullKey = string.Join('.', path.Select(p => p.Key).Append(key));
            if (value.Length == 0)
            {
                path.Add((indent, key));
            }
            else
            {
                result[fullKey] = value.Trim('"', '\'');
            }
        }

        return result;
    }
}
