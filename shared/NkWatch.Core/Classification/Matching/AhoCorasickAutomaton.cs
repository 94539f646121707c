using System.Runtime.InteropServices;

namespace NkWatch.Core.Classification.Matching;

/// <summary>A pattern that ends at <see cref="End"/> (exclusive) in the scanned text.</summary>
internal readonly record struct PatternMatch(int Pattern, int End);

/// <summary>
/// Finds every occurrence of many patterns in one pass over the text (Aho-Corasick, compiled to a
/// deterministic automaton). Characters are first mapped to a small alphabet of the characters the
/// patterns use; each state keeps a dense row only for the band of that alphabet where it differs
/// from the start state, so an English state does not carry a column for every Hangul syllable.
/// Patterns are matched as given: fold the text and the patterns the same way before.
/// </summary>
internal sealed class AhoCorasickAutomaton
{
    private readonly ushort[] alphabet;
    private readonly int[] startRow;
    private readonly State[] states;
    private readonly int[] transitions;
    private readonly int[] outputs;

    private AhoCorasickAutomaton(ushort[] alphabet, int[] startRow, State[] states, int[] transitions, int[] outputs, int[] patternLengths)
    {
        this.alphabet = alphabet;
        this.startRow = startRow;
        this.states = states;
        this.transitions = transitions;
        this.outputs = outputs;
        PatternLengths = patternLengths;
    }

    public IReadOnlyList<int> PatternLengths { get; }

    public int StateCount => states.Length;

    public static AhoCorasickAutomaton Build(IReadOnlyList<string> patterns)
    {
        var (alphabet, size) = BuildAlphabet(patterns);
        var trie = new Trie(size);
        for (var p = 0; p < patterns.Count; p++)
        {
            trie.Add(patterns[p], p, alphabet);
        }

        return trie.Compile(alphabet, size, [.. patterns.Select(p => p.Length)]);
    }

    /// <summary>Adds every match in <paramref name="text"/> to <paramref name="matches"/>, in order of their end.</summary>
    public void Scan(ReadOnlySpan<char> text, List<PatternMatch> matches)
    {
        var alphabetRef = alphabet;
        var statesRef = states;
        var transitionsRef = transitions;
        var startRowRef = startRow;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int symbol = alphabetRef[text[i]];
            ref readonly var current = ref statesRef[state];
            var offset = symbol - current.BandStart;
            state = (uint)offset < (uint)current.BandLength ? transitionsRef[current.RowStart + offset] : startRowRef[symbol];
            ref readonly var next = ref statesRef[state];
            for (var o = next.OutputStart; o < next.OutputEnd; o++)
            {
                matches.Add(new PatternMatch(outputs[o], i + 1));
            }
        }
    }

    private static (ushort[] Alphabet, int Size) BuildAlphabet(IReadOnlyList<string> patterns)
    {
        // Symbols are numbered script by script so that each state's band stays narrow.
        var used = patterns.SelectMany(p => p).Distinct().OrderBy(c => (CharClass.ScriptOf(c), c)).ToList();
        if (used.Count >= ushort.MaxValue)
        {
            throw new ArgumentException("too many distinct characters in the patterns", nameof(patterns));
        }

        var alphabet = new ushort[char.MaxValue + 1];
        for (var i = 0; i < used.Count; i++)
        {
            alphabet[used[i]] = (ushort)(i + 1);
        }

        return (alphabet, used.Count + 1);
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct State(int BandStart, int BandLength, int RowStart, int OutputStart, int OutputEnd);

    private sealed class Trie(int alphabetSize)
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

        public AhoCorasickAutomaton Compile(ushort[] alphabet, int size, int[] lengths)
        {
            var count = children.Count;
            var fail = new int[count];
            var order = BreadthFirst(fail);
            var startRow = new int[size];
            foreach (var (symbol, child) in children[0])
            {
                startRow[symbol] = child;
            }

            var statesArray = new State[count];
            var transitionList = new List<int>();
            var outputList = new List<int>();
            var row = new int[alphabetSize];
            var outputsOf = new List<int>[count];
            foreach (var state in order)
            {
                outputsOf[state] = state == 0 ? [] : [.. ends[state], .. outputsOf[fail[state]]];
                var outputStart = outputList.Count;
                outputList.AddRange(outputsOf[state]);
                if (state == 0)
                {
                    statesArray[0] = new State(0, 0, 0, outputStart, outputList.Count);
                    continue;
                }

                // The row of a state is its own edges, else the row of its failure state (already built).
                for (var symbol = 0; symbol < size; symbol++)
                {
                    row[symbol] = Next(statesArray, transitionList, startRow, fail[state], symbol);
                }

                foreach (var (symbol, child) in children[state])
                {
                    row[symbol] = child;
                }

                var first = 0;
                while (first < size && row[first] == startRow[first])
                {
                    first++;
                }

                var last = size - 1;
                while (last >= first && row[last] == startRow[last])
                {
                    last--;
                }

                var rowStart = transitionList.Count;
                for (var symbol = first; symbol <= last; symbol++)
                {
                    transitionList.Add(row[symbol]);
                }

                statesArray[state] = new State(first, Math.Max(0, last - first + 1), rowStart, outputStart, outputList.Count);
            }

            return new AhoCorasickAutomaton(alphabet, startRow, statesArray, [.. transitionList], [.. outputList], lengths);
        }

        private static int Next(State[] states, List<int> transitions, int[] startRow, int state, int symbol)
        {
            var s = states[state];
            var offset = symbol - s.BandStart;
            return (uint)offset < (uint)s.BandLength ? transitions[s.RowStart + offset] : startRow[symbol];
        }

        private List<int> BreadthFirst(int[] fail)
        {
            var order = new List<int> { 0 };
            var queue = new Queue<int>();
            foreach (var child in children[0].Values)
            {
                fail[child] = 0;
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

                    fail[child] = children[f].TryGetValue(symbol, out var target) && target != child ? target : 0;
                    queue.Enqueue(child);
                }
            }

            return order;
        }
    }
}
