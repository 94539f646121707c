using System.Collections;

namespace NkWatch.Core.Classification;

/// <summary>
/// A read-only list kept as small structs and turned into the public records only when an item is
/// read (then kept): most classifications are looked at for their verdict and dropped, and their
/// hits and breakdown are never read.
/// </summary>
internal abstract class MaterialisedOnRead<TEntry, TItem>(TEntry[] entries) : IReadOnlyList<TItem>
    where TEntry : struct
    where TItem : class
{
    private TItem?[]? materialised;

    public int Count => entries.Length;

    public TItem this[int index]
    {
        get
        {
            materialised ??= new TItem?[entries.Length];
            return materialised[index] ??= Materialise(entries[index]);
        }
    }

    public IEnumerator<TItem> GetEnumerator()
    {
        for (var i = 0; i < entries.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    protected abstract TItem Materialise(in TEntry entry);
}
