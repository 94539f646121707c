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

        return trie.Compile(alphabet, size, narrowable, patterns.Count == 0 ? 1 : patterns.Max(p => p.Length));
    }

    /// <summary>
    /// Adds every match in <paramref name="text"/> to <paramref name="buffers"/>' matches, in order of
    /// their end. An automaton step waits for the one before it (a table load whose address depends
    /// on the last state), so a longer text is scanned as two or four parts side by side: independent
    /// walks keep the processor busy while each waits. A walk starts the longest pattern's length
    /// before its part, to see every match ending in it, and reports only those.
    /// </summary>
    /// <param name="onlyNarrow">The text has no character at or above <see cref="NarrowLimit"/>.</param>
    public void Scan(ReadOnlySpan<char> text, bool onlyNarrow, ScanBuffers buffers)
    {
        buffers.Clear();
        if (onlyNarrow && narrow is not null)
        {
            Scan(text, new NarrowStep(alphabet, narrow), buffers);
        }
        else
        {
            Scan(text, new WideStep(alphabet, table, stride), buffers);
        }

        buffers.Concatenate();
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

    private void Scan<TStep>(ReadOnlySpan<char> text, TStep step, ScanBuffers buffers)
        where TStep : struct, IStep
    {
        var overlap = longestPattern - 1;
        var part = text.Length / 4;
        if (part >= 2 * longestPattern)
        {
            ScanInFour(text, step, part, buffers);
        }
        else if (text.Length / 2 >= 2 * longestPattern)
        {
            ScanInTwo(text, step, text.Length / 2, buffers);
        }
        else
        {
            Walk(text, step, 0, 0, text.Length, buffers.Matches);
        }

        void ScanInTwo(ReadOnlySpan<char> text, TStep step, int middle, ScanBuffers buffers)
        {
            var from1 = middle - overlap;
            int s0 = 0, s1 = 0;
            for (var i = 0; i < middle; i++)
            {
                var j = from1 + i;
                s0 = step.Next(s0, text[i]);
                s1 = step.Next(s1, text[j]);
                Report(s0, i, 0, buffers.Matches);
                Report(s1, j, middle, buffers.Second);
            }

            Walk(text, step, s1, from1 + middle, text.Length, buffers.Second, middle);
        }

        void ScanInFour(ReadOnlySpan<char> text, TStep step, int part, ScanBuffers buffers)
        {
            int b1 = part, b2 = 2 * part, b3 = 3 * part;
            int from1 = b1 - overlap, from2 = b2 - overlap, from3 = b3 - overlap;
            int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (var i = 0; i < part; i++)
            {
                s0 = step.Next(s0, text[i]);
                s1 = step.Next(s1, text[from1 + i]);
                s2 = step.Next(s2, text[from2 + i]);
                s3 = step.Next(s3, text[from3 + i]);
                Report(s0, i, 0, buffers.Matches);
                Report(s1, from1 + i, b1, buffers.Second);
                Report(s2, from2 + i, b2, buffers.Third);
                Report(s3, from3 + i, b3, buffers.Fourth);
            }

            // The last `overlap` characters of parts 2 to 4 (they started that much earlier), then the rest of part 4.
            for (var k = 0; k < overlap; k++)
            {
                int j1 = from1 + part + k, j2 = from2 + part + k, j3 = from3 + part + k;
                s1 = step.Next(s1, text[j1]);
                s2 = step.Next(s2, text[j2]);
                s3 = step.Next(s3, text[j3]);
                Report(s1, j1, b1, buffers.Second);
                Report(s2, j2, b2, buffers.Third);
                Report(s3, j3, b3, buffers.Fourth);
            }

            Walk(text, step, s3, b3 + part, text.Length, buffers.Fourth, b3);
        }
    }

    /// <summary>One walk from <paramref name="state"/> over [from, to), reporting matches ending after <paramref name="reportFrom"/>.</summary>
    private void Walk<TStep>(ReadOnlySpan<char> text, TStep step, int state, int from, int to, List<PatternMatch> matches, int reportFrom = 0)
        where TStep : struct, IStep
    {
        for (var i = from; i < to; i++)
        {
            state = step.Next(state, text[i]);
            Report(state, i, reportFrom, matches);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Report(int state, int position, int reportFrom, List<PatternMatch> matches)
    {
        if (state >= firstOutputState && position >= reportFrom)
        {
            AddOutputs(state, position + 1, matches);
        }
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
