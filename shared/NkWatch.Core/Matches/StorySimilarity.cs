namespace NkWatch.Core.Matches;

/// <summary>Jaccard similarity of two sorted feature sets: shared features over all features.</summary>
public static class StorySimilarity
{
    public static double Jaccard(IReadOnlyList<uint> a, IReadOnlyList<uint> b)
    {
        var shared = Shared(a, b);
        var union = a.Count + b.Count - shared;
        return union == 0 ? 0 : (double)shared / union;
    }

    /// <summary>How many features two sorted sets have in common (a merge walk, no allocation).</summary>
    public static int Shared(IReadOnlyList<uint> a, IReadOnlyList<uint> b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Count && j < b.Count)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }
}
