namespace NkWatch.Core.Feeds;

/// <summary>The English names of the catalogue's languages, as pages and emails show them ("also reported in Korean").</summary>
public static class LanguageNames
{
    public static string English(string code) => code.ToLowerInvariant() switch
    {
        "en" => "English",
        "ko" => "Korean",
        "ja" => "Japanese",
        _ => code,
    };
}
