using System.Text.RegularExpressions;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>
/// The yardstick <c>nkwatch eval</c> prints beside the rules: an item is relevant when its title or
/// summary has a North Korea word and a human-rights word, two case-insensitive regexes and
/// nothing else (no exclusions, no proximity, no topics). Rules that cannot beat it are not
/// earning their complexity.
/// </summary>
internal static partial class NaiveBaseline
{
    public static bool Relevant(ClassifierInput item) =>
        (NorthKorea().IsMatch(item.Title) || NorthKorea().IsMatch(item.Summary))
        && (HumanRights().IsMatch(item.Title) || HumanRights().IsMatch(item.Summary));

    [GeneratedRegex(@"north\s+korea|n\.\s?korea|\bdprk\b|pyongyang|kim\s+jong|북한|北朝鮮|조선민주주의|朝鮮民主主義", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NorthKorea();

    [GeneratedRegex(
        @"human rights|\brights\b|abuse|refugee|defector|prison|camp|tortur|execut|abduct|famine|starv|hunger|humanitarian|persecut|detain"
        + "|인권|탈북|수용소|납치|처형|식량|人権|脱北|拉致|収容所|処刑|食糧",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HumanRights();
}
