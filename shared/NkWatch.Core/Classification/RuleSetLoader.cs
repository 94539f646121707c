using NkWatch.Core.Classification.Rules;

namespace NkWatch.Core.Classification;

/// <summary>Loads and checks a rule file; a bad file is refused with its path, line and problem.</summary>
public static class RuleSetLoader
{
    public static RuleSet Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationFileException(path, "file not found");
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    public static RuleSet Parse(Stream json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var buffer = new MemoryStream();
        json.CopyTo(buffer);
        return Parse(buffer.ToArray(), sourceName);
    }

    /// <summary>Reads and checks the rules (JSON with comments allowed).</summary>
    /// <exception cref="ConfigurationFileException">The message is <c>path:line: what is wrong</c>.</exception>
    public static RuleSet Parse(ReadOnlySpan<byte> utf8, string sourceName)
    {
        try
        {
            return RuleFileReader.Read(utf8, sourceName);
        }
        catch (RuleFileException ex)
        {
            throw new ConfigurationFileException($"{ex.File}:{ex.Line}", ex.Problem);
        }
    }
}
