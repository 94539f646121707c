using System.Text;
using System.Text.RegularExpressions;
using NkWatch.Core.Feeds;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// Runs only where feedparser's test corpus is found: <c>NKWATCH_FEED_CORPUS</c>, else
/// <c>shared/corpus/feedparser/tests</c> in a folder above the checkout, as on the project's
/// machines and in CI.
/// </summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (FeedparserCorpusTests.CorpusPath is null)
        {
            Skip = "feedparser corpus not found (set NKWATCH_FEED_CORPUS)";
        }
    }
}

/// <summary>
/// Every one of the ~2,100 files of feedparser's public test suite either parses or fails with a
/// FeedParseException: nothing crashes, nothing hangs. The files are read in place, never copied.
/// </summary>
public sealed partial class FeedparserCorpusTests
{
    public static readonly string? CorpusPath = FindCorpus();

    [CorpusFact]
    public void EveryCorpusFileParsesOrFailsCleanly()
    {
        var parser = new FeedParser(TimeProvider.System);
        var files = Directory.GetFiles(CorpusPath!, "*", SearchOption.AllDirectories);
        var (parsed, refused) = (0, 0);
        var crashes = new List<string>();
        foreach (var file in files)
        {
            var body = File.ReadAllBytes(file);
            var header = ContentTypeHeader().Match(Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 4096)));
            try
            {
                parser.Parse(body, header.Success ? header.Groups[1].Value : null, null, "corpus");
                parsed++;
            }
            catch (FeedParseException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
                refused++;
            }
            catch (Exception ex)
            {
                crashes.Add($"{Path.GetRelativePath(CorpusPath!, file)}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.Empty(crashes);
        Assert.True(files.Length > 2000, $"{files.Length} files");
        Assert.True(parsed > 0.97 * files.Length, $"{parsed} parsed, {refused} refused of {files.Length}");
    }

    private static string? FindCorpus()
    {
        if (Environment.GetEnvironmentVariable("NKWATCH_FEED_CORPUS") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var dir = Directory.GetParent(RepositoryRoot.Path); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "feedparser", "tests");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*Header:\s*Content-type:\s*(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ContentTypeHeader();
}
