using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NkWatch.Core.Classification.Matching;

/// <summary>A pattern that ends at <see cref="End"/> (exclusive) in the scanned text.</summary>
internal readonly record struct PatternMatch(int Pattern, int End);

/// <summary>
/// Finds every occurrence of many patterns in one pass over the text (Aho-Corasick, compiled to a
/// deterministic automaton). Characters are mapped to a small alphabet of the characters the
/// patterns use, those below <see cref="NarrowLimit"/> (Latin script, digits, spaces, apostrophes)
/// numbered first. The transitions are one dense table, each step one load and no branch; for
/// text with only such characters (most English) a copy of the table's first 64 columns is used,
/// small enough to stay in cache, with a shift instead of a multiply. States that end a pattern are
/// numbered last, so "did anything match here" is one comparison.
/// Patterns are matched as given: fold the text and the patterns the same way before.
/// </summary>
internal sealed class AhoCorasickAutomaton
{
    /// <summary>Characters below this code point (ASCII, Latin-1, Latin Extended) may use the narrow table.</summary>
    public const char NarrowLimit = '\u0250';

    private const int NarrowShift = 6;
    private const int NarrowWidth = 1 << NarrowShift;

    private readonly ushort[] alphabet;
    private readonly ushort[] table;
    private readonly ushort[]? narrow;
    private readonly int stride;
    private readonly int firstOutputState;
    private readonly int[] outputStarts;
    private readonly int[] outputs;
    private readonly int longestPattern;

    private AhoCorasickAutomaton(ushort[] alphabet, ushort[] table, ushort[]? narrow, int stride, int firstOutputState, int[] outputStarts, int[] outputs, int longestPattern)
    {
        this.alphabet = alphabet;
        this.table = table;
        this.narrow = narrow;
        this.stride = stride;
        this.firstOutputState = firstOutputState;
        this.outputStarts = outputStarts;
        this.outputs = outputs;
        this.longestPattern = longestPattern;
    }

    private interface IStep
    {
        int Next(int state, char c);
    }

    public int StateCount => outputStarts.Length - 1;

    /// <summary>Bytes of transition tables.</summary>
    public long TableBytes => ((long)table.Length + (narrow?.Length ?? 0)) * sizeof(ushort);

    public static AhoCorasickAutomaton Build(IReadOnlyList<string> patterns)
    {
        var alphabet = BuildAlphabet(patterns, out var size, out var narrowable);
        var trie = new Trie();
        for (var p = 0; p < patterns.Count; p++)
        {
            trie.Add(patterns[p], p, alphabet);
        }

        return trie.Compile(alphabet, size, narrowable, patterns.Max(p => p.Length));
    }

    /// <summary>
    /// Adds every match in <paramref name="text"/> to <paramref name="matches"/>, in order of their end.
    /// A longer text is scanned as two halves side by side: an automaton step waits for the one
    /// before it, so two independent walks keep the processor twice as busy. The second walk starts
    /// early enough (the longest pattern's length before the middle) to see every match ending in its
    /// half, and reports only those; <paramref name="spare"/> holds its matches until the first is done.
    /// </summary>
    /// <param name="onlyNarrow">The text has no character at or above <see cref="NarrowLimit"/>.</param>
    public void Scan(ReadOnlySpan<char> text, bool onlyNarrow, List<PatternMatch> matches, List<PatternMatch> spare)
    {
        if (onlyNarrow && narrow is not null)
        {
            Scan(text, new NarrowStep(alphabet, narrow), matches, spare);
        }
        else
        {
            Scan(text, new WideStep(alphabet, table, stride), matches, spare);
        }
    }

    /// <summary>
    /// Numbers the pattern characters: those below <see cref="NarrowLimit"/> first (from 1; 0 is "in
    /// no pattern"), then the others. The narrow table works only if the first group fits in 63.
    /// </summary>
    private static ushort[] BuildAlphabet(IReadOnlyList<string> patterns, out int size, out bool narrowable)
    {
        var used = patterns.SelectMany(p => p).Distinct().Order().ToList();
        if (used.Count >= ushort.MaxValue)
        {
            throw new ArgumentException("too many distinct characters in the patterns", nameof(patterns));
        }

        var alphabet = new ushort[char.MaxValue + 1];
        for (var i = 0; i < used.Count; i++)
        {
            alphabet[used[i]] = (ushort)(i + 1);
        }

        size = used.Count + 1;
        narrowable = used.Count(c => c < NarrowLimit) < NarrowWidth;
        return alphabet;
    }

    private void Scan<TStep>(ReadOnlySpan<char> text, TStep step, List<PatternMatch> matches, List<PatternMatch> spare)
        where TStep : struct, IStep
    {
        var middle = text.Length / 2;
        var warmUp = middle - (longestPattern - 1);
        if (warmUp < longestPattern)
        {
            var state = 0;
            for (var i = 0; i < text.Length; i++)
            {
                state = step.Next(state, text[i]);
                if (state >= firstOutputState)
                {
                    AddOutputs(state, i + 1, matches);
                }
            }

            return;
        }

        spare.Clear();
        int first = 0, second = 0;
        for (var i = 0; i < middle; i++)
        {
            var j = warmUp + i;
            first = step.Next(first, text[i]);
            second = step.Next(second, text[j]);
            if (first >= firstOutputState)
            {
                AddOutputs(first, i + 1, matches);
            }

            if (second >= firstOutputState && j >= middle)
            {
                AddOutputs(second, j + 1, spare);
            }
        }

        for (var j = warmUp + middle; j < text.Length; j++)
        {
            second = step.Next(second, text[j]);
            if (second >= firstOutputState && j >= middle)
            {
                AddOutputs(second, j + 1, spare);
            }
        }

        matches.AddRange(spare);
    }

    private void AddOutputs(int state, int end, List<PatternMatch> matches)
    {
        for (var o = outputStarts[state]; o < outputStarts[state + 1]; o++)
        {
            matches.Add(new PatternMatch(outputs[o], end));
        }
    }

    /// <summary>A step in text of narrow characters only: the symbol is below 64 and the row 64 wide.</summary>
    private readonly struct NarrowStep(ushort[] alphabet, ushort[] narrow) : IStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next(int state, char c) =>
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(narrow), (state << NarrowShift) + Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(alphabet), c));
    }

    private readonly struct WideStep(ushort[] alphabet, ushort[] table, int stride) : IStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next(int state, char c) =>
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), (state * stride) + Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(alphabet), c));
    }

    private sealed class Trie
    {
        private readonly List<Dictionary<int, int>> children = [[]];
        private readonly List<List<int>> ends = [[]];

        public void Add(string pattern, int id, ushort[] alphabet)
        {
            var node = 0;
            foreach (var c in pattern)
            {
                int symbol = alphabet[c];
                if (!children[node].TryGetValue(symbol, out var child))
                {
                    child = children.Count;
                    children.Add([]);
                    ends.Add([]);
                    children[node][symbol] = child;
                }

                node = child;
            }

            ends[node].Add(id);
        }

        public AhoCorasickAutomaton Compile(ushort[] alphabet, int size, bool narrowable, int longestPattern)
        {
            var count = children.Count;
            if (count > ushort.MaxValue)
            {
                throw new InvalidOperationException($"the patterns need {count} automaton states, more than {ushort.MaxValue}");
            }

            var fail = new int[count];
            var order = BreadthFirst(fail);

            // Every pattern a state ends, its own and those of its failure states (already computed: BFS order).
            var outputsOf = new List<int>[count];
            foreach (var state in order)
            {
                outputsOf[state] = state == 0 ? [] : [.. ends[state], .. outputsOf[fail[state]]];
            }

            // Renumber: states ending nothing first (the start state stays 0), then states ending patterns.
            var number = new int[count];
            var next = 0;
            foreach (var state in order.Where(s => outputsOf[s].Count == 0))
            {
                number[state] = next++;
            }

            var firstOutput = next;
            foreach (var state in order.Where(s => outputsOf[s].Count > 0))
            {
                number[state] = next++;
            }

            // A state's row is its failure state's row with its own edges on top.
            var table = new ushort[count * size];
            foreach (var state in order)
            {
                var row = table.AsSpan(number[state] * size, size);
                if (state != 0)
                {
                    table.AsSpan(number[fail[state]] * size, size).CopyTo(row);
                }

                foreach (var (symbol, child) in children[state])
                {
                    row[symbol] = (ushort)number[child];
                }
            }

            ushort[]? narrow = null;
            if (narrowable)
            {
                narrow = new ushort[count * NarrowWidth];
                var width = Math.Min(size, NarrowWidth);
                for (var n = 0; n < count; n++)
                {
                    table.AsSpan(n * size, width).CopyTo(narrow.AsSpan(n * NarrowWidth, width));
                }
            }

            var byNumber = new int[count];
            for (var state = 0; state < count; state++)
            {
                byNumber[number[state]] = state;
            }

            var outputStarts = new int[count + 1];
            var outputs = new List<int>();
            for (var n = 0; n < count; n++)
            {
                outputStarts[n] = outputs.Count;
                outputs.AddRange(outputsOf[byNumber[n]]);
            }

            outputStarts[count] = outputs.Count;
            return new AhoCorasickAutomaton(alphabet, table, narrow, size, firstOutput, outputStarts, [.. outputs], longestPattern);
        }

        private List<int> BreadthFirst(int[] fail)
        {
            var order = new List<int> { 0 };
            var queue = new Queue<int>();
            foreach (var child in children[0].Values)
            {
                queue.Enqueue(child);
            }

            while (queue.Count > 0)
            {
                var state = queue.Dequeue();
                order.Add(state);
                foreach (var (symbol, child) in children[state])
                {
                    var f = fail[state];
                    while (f != 0 && !children[f].ContainsKey(symbol))
                    {
                        f = fail[f];
                    }

                    fail[child] = children[f].TryGetValue(symbol, out var target) ? target : 0;
                    queue.Enqueue(child);
                }
            }

            return order;
        }
    }
}
