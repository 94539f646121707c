namespace NkWatch.Core.Classification.Matching;

/// <summary>
/// The spellings a term stands for, folded: a hyphen in the term may also be written as a space
/// or left out (Kim Jong-un, Kim Jong Un, Kim Jongun); an apostrophe may be left out (People's,
/// Peoples); a last word ending in consonant + y also has its -ies plural (family, families).
/// Plurals in -s and -es and possessives are handled when matching, not here.
/// </summary>
internal static class TermVariants
{
    private const int MaxJoins = 3;

    public static IReadOnlyList<string> Of(string term)
    {
        var body = term.EndsWith('*') ? term[..^1] : term;
        var prefix = body.Length != term.Length;
        var pieces = body.Split(['-', '\u2010', '\u2011'], StringSplitOptions.None)
            .Select(TextNormalizer.Fold)
            .Where(p => p.Length > 0)
            .ToList();
        var variants = new List<string>();
        var joins = Math.Min(pieces.Count - 1, MaxJoins);
        for (var mask = 0; mask < 1 << joins; mask++)
        {
            var text = pieces[0];
            for (var i = 1; i < pieces.Count; i++)
            {
                var joined = i <= MaxJoins && (mask & (1 << (i - 1))) != 0;
                text += (joined ? string.Empty : " ") + pieces[i];
            }

            variants.Add(text);
        }

        foreach (var variant in variants.ToList())
        {
            if (variant.Contains('\'', StringComparison.Ordinal))
            {
                variants.Add(variant.Replace("'", string.Empty, StringComparison.Ordinal));
            }
        }

        if (!prefix)
        {
            foreach (var variant in variants.ToList())
            {
                if (variant.Length > 2 && variant[^1] == 'y' && char.IsAsciiLetter(variant[^2]) && !"aeiou".Contains(variant[^2], StringComparison.Ordinal))
                {
                    variants.Add(variant[..^1] + "ies");
                }
            }
        }

        return [.. variants.Distinct(StringComparer.Ordinal)];
    }
}
