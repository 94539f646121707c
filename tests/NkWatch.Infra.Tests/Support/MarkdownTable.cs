using System.Text.RegularExpressions;

namespace NkWatch.Infra.Tests.Support;

/// <summary>Reads the names in the first column (in backticks) of the table under a heading.</summary>
internal static partial class MarkdownTable
{
    public static IReadOnlyList<string> FirstColumnNames(string markdown, string heading)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == heading);
        Assert.True(start >= 0, $"No '{heading}' heading.");

        return lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => NameCell().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .ToList();
    }

    [GeneratedRegex(@"^\|\s*`(?<name>[A-Za-z_][A-Za-z0-9_]*)`\s*\|")]
    private static partial Regex NameCell();
}
