using System.Text;
using System.Text.Json;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>
/// An input line of classify and eval: <c>{"id","title","summary"|"text","language"?,"label"?,"topics"?}</c>.
/// </summary>
internal sealed record LabelledItem(ClassifierInput Input, string? Label, IReadOnlyList<string>? Topics);

/// <summary>
/// Reads JSON lines as UTF-8 bytes, without a string per line: from a file, from standard input
/// (the raw stream, not the console's small-buffered reader), or from any TextReader (tests).
/// A line longer than <see cref="MaxLineBytes"/> is reported and skipped, never buffered whole.
/// </summary>
internal sealed class LabelledLines : IDisposable
{
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private readonly Stream? stream;
    private readonly TextReader? reader;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private bool exhausted;

    private LabelledLines(Stream? stream, TextReader? reader)
    {
        this.stream = stream;
        this.reader = reader;
    }

    /// <summary>The number of the line last read (1-based).</summary>
    public int LineNumber { get; private set; }

    public static LabelledLines Open(string? path, TextReader stdin)
    {
        if (path is null or "-")
        {
            return ReferenceEquals(stdin, Console.In) ? new LabelledLines(Console.OpenStandardInput(), null) : new LabelledLines(null, stdin);
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such file");
        }

        return new LabelledLines(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), null);
    }

    /// <summary>The next line, without its line break; <paramref name="tooLong"/> when it was cut off.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        line = default;
        if (reader is not null)
        {
            return TryReadTextLine(out line);
        }

        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimReturn(buffer.AsSpan(start, newline));
                start += newline + 1;
                LineNumber++;
                return true;
            }

            if (exhausted)
            {
                if (start == end)
                {
                    return false;
                }

                line = TrimReturn(buffer.AsSpan(start, end - start));
                start = end;
                LineNumber++;
                return true;
            }

            if (end - start >= MaxLineBytes)
            {
                SkipRestOfLine();
                LineNumber++;
                tooLong = true;
                return true;
            }

            Fill();
        }
    }

    /// <summary>A line of only spaces is no item: classify and eval both skip it.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line[Ascii.Trim(line)].IsEmpty;

    /// <summary>Reads one line's JSON; a line that is not an object with an id is described in <paramref name="problem"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out LabelledItem item, out string problem)
    {
        item = null!;
        problem = string.Empty;
        string? id = null, title = null, summary = null, text = null, language = null, label = null;
        List<string>? topics = null;
        try
        {
            var json = new Utf8JsonReader(line);
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                problem = "expected a JSON object";
                return false;
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                // Names compared as UTF-8, without a string per property.
                var field = json.ValueTextEquals("id"u8) ? 1 : json.ValueTextEquals("title"u8) ? 2 : json.ValueTextEquals("summary"u8) ? 3
                    : json.ValueTextEquals("text"u8) ? 4 : json.ValueTextEquals("language"u8) ? 5 : json.ValueTextEquals("label"u8) ? 6
                    : json.ValueTextEquals("topics"u8) ? 7 : 0;
                json.Read();
                switch (field)
                {
                    case 1: id = Scalar(ref json); break;
                    case 2: title = Scalar(ref json); break;
                    case 3: summary = Scalar(ref json); break;
                    case 4: text = Scalar(ref json); break;
                    case 5: language = Scalar(ref json); break;
                    case 6: label = Scalar(ref json); break;
                    case 7: topics = Strings(ref json); break;
                    default: json.Skip(); break;
                }
            }

            if (json.Read())
            {
                problem = "unexpected text after the JSON object";
                return false;
            }
        }
        catch (JsonException ex)
        {
            var cut = ex.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            problem = "not JSON: " + (cut > 0 ? ex.Message[..cut] : ex.Message);
            return false;
        }
        catch (InvalidOperationException)
        {
            problem = "not JSON: a value of the wrong kind";
            return false;
        }

        if (string.IsNullOrEmpty(id))
        {
            problem = "missing \"id\"";
            return false;
        }

        item = new LabelledItem(new ClassifierInput(id, title ?? string.Empty, summary ?? text ?? string.Empty, language), label, topics);
        return true;
    }

    public void Dispose()
    {
        stream?.Dispose();
        if (reader is not null && !ReferenceEquals(reader, Console.In))
        {
            reader.Dispose();
        }
    }

    private static string? Scalar(ref Utf8JsonReader json) => json.TokenType switch
    {
        JsonTokenType.String => json.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(json.ValueSpan),
        JsonTokenType.Null => null,
        _ => SkipValue(ref json),
    };

    private static string? SkipValue(ref Utf8JsonReader json)
    {
        json.Skip();
        return null;
    }

    private static List<string>? Strings(ref Utf8JsonReader json)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            json.Skip();
            return null;
        }

        var values = new List<string>();
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (json.TokenType == JsonTokenType.String)
            {
                values.Add(json.GetString()!);
            }
            else
            {
                json.Skip();
            }
        }

        return values;
    }

    private static ReadOnlySpan<byte> TrimReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private bool TryReadTextLine(out ReadOnlySpan<byte> line)
    {
        var text = reader!.ReadLine();
        if (text is null)
        {
            line = default;
            return false;
        }

        LineNumber++;
        var size = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < size)
        {
            buffer = new byte[size];
        }

        line = buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
        return true;
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes + (1 << 16)));
        }

        var read = stream!.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            exhausted = true;
        }

        end += read;
    }

    private void SkipRestOfLine()
    {
        start = end = 0;
        while (!exhausted)
        {
            Fill();
            var newline = buffer.AsSpan(0, end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start = newline + 1;
                return;
            }

            start = end = 0;
        }
    }
}
