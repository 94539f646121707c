using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NkWatch.Core.Classification.Rules;

/// <summary>A JSON value with the line it starts on, so that a rule that is wrong can be pointed at.</summary>
internal sealed class LocatedJson
{
    private LocatedJson(JsonValueKind kind, int line)
    {
        Kind = kind;
        Line = line;
    }

    public JsonValueKind Kind { get; }

    public int Line { get; }

    public string? Text { get; private init; }

    public double Number { get; private init; }

    public IReadOnlyList<LocatedProperty> Properties { get; private init; } = [];

    public IReadOnlyList<LocatedJson> Items { get; private init; } = [];

    public string KindName => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    /// <summary>Parses JSON (comments and trailing commas allowed); a syntax error names its line.</summary>
    public static LocatedJson Parse(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new RuleFileException(source, 1, "the file is empty");
        }

        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                throw new RuleFileException(source, 1, "the file is empty");
            }

            var root = ReadValue(ref reader, lines, source);
            if (reader.Read())
            {
                throw new RuleFileException(source, lines.LineOf(reader.TokenStartIndex), "unexpected text after the end of the rules");
            }

            return root;
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new RuleFileException(source, (int)(ex.LineNumber ?? 0) + 1, "not valid JSON: " + (cut > 0 ? message[..cut] : message));
        }
    }

    private static LocatedJson ReadValue(ref Utf8JsonReader reader, LineIndex lines, string source)
    {
        var line = lines.LineOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<LocatedProperty>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var nameLine = lines.LineOf(reader.TokenStartIndex);
                    var name = reader.GetString()!;
                    if (properties.Any(p => p.Name == name))
                    {
                        throw new RuleFileException(source, nameLine, $"\"{name}\" is given twice");
                    }

                    reader.Read();
                    properties.Add(new LocatedProperty(name, nameLine, ReadValue(ref reader, lines, source)));
                }

                return new LocatedJson(JsonValueKind.Object, line) { Properties = properties };
            case JsonTokenType.StartArray:
                var items = new List<LocatedJson>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lines, source));
                }

                return new LocatedJson(JsonValueKind.Array, line) { Items = items };
            case JsonTokenType.String:
                return new LocatedJson(JsonValueKind.String, line) { Text = reader.GetString() };
            case JsonTokenType.Number:
                return new LocatedJson(JsonValueKind.Number, line) { Number = reader.GetDouble(), Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new LocatedJson(JsonValueKind.True, line);
            case JsonTokenType.False:
                return new LocatedJson(JsonValueKind.False, line);
            default:
                return new LocatedJson(JsonValueKind.Null, line);
        }
    }

    public override string ToString() => Kind switch
    {
        JsonValueKind.String => $"\"{Text}\"",
        JsonValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        _ => KindName,
    };

    /// <summary>Byte offsets of line starts, to turn a token's offset into a line number.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> starts = [0];

        public LineIndex(ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }
        }

        public int LineOf(long offset)
        {
            var index = starts.BinarySearch(offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }
    }
}

internal sealed record LocatedProperty(string Name, int Line, LocatedJson Value);
