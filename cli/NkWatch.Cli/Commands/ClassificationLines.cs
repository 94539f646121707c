using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NkWatch.Core.Classification;

namespace NkWatch.Cli.Commands;

/// <summary>
/// Writes classify's output, one JSON object per line
/// (<c>{"id","relevant","score","topics","hits":[{"term","topic","field","start","length"}]}</c>),
/// with a Utf8JsonWriter into a buffer that goes out in large blocks: to the raw standard output
/// stream, or to any TextWriter (tests).
/// </summary>
internal sealed class ClassificationLines : IDisposable
{
    private const int FlushAt = 1 << 16;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Relevant = JsonEncodedText.Encode("relevant");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText Topics = JsonEncodedText.Encode("topics");
    private static readonly JsonEncodedText Hits = JsonEncodedText.Encode("hits");
    private static readonly JsonEncodedText Term = JsonEncodedText.Encode("term");
    private static readonly JsonEncodedText Topic = JsonEncodedText.Encode("topic");
    private static readonly JsonEncodedText Field = JsonEncodedText.Encode("field");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");

    private readonly ArrayBufferWriter<byte> buffer = new(FlushAt * 2);

    /// <summary>
    /// Terms, topic ids and field names come from the rules and repeat on every line: each is
    /// escaped once (keyed by the string instance, which the classifier reuses).
    /// </summary>
    private readonly Dictionary<string, JsonEncodedText> encoded = new(ReferenceEqualityComparer.Instance);
    private readonly Utf8JsonWriter json;
    private readonly Stream? stream;
    private readonly TextWriter? writer;

    private ClassificationLines(Stream? stream, TextWriter? writer)
    {
        this.stream = stream;
        this.writer = writer;
        json = new Utf8JsonWriter(buffer, Options);
    }

    public static ClassificationLines Open(TextWriter stdout) =>
        ReferenceEquals(stdout, Console.Out) ? new ClassificationLines(Console.OpenStandardOutput(), null) : new ClassificationLines(null, stdout);

    public void Write(Classification result)
    {
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString(Id, result.Id);
        json.WriteBoolean(Relevant, result.Relevant);
        json.WriteNumber(Score, result.Score);
        json.WriteStartArray(Topics);
        foreach (var topic in result.Topics)
        {
            json.WriteStringValue(Encoded(topic));
        }

        json.WriteEndArray();
        json.WriteStartArray(Hits);
        foreach (var hit in result.Hits)
        {
            json.WriteStartObject();
            json.WriteString(Term, Encoded(hit.Term));
            json.WriteString(Topic, Encoded(hit.Topic));
            json.WriteString(Field, Encoded(hit.Field));
            json.WriteNumber(Start, hit.Start);
            json.WriteNumber(Length, hit.Length);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        EndLine();
    }

    /// <summary>The line written in place of an input line that could not be read.</summary>
    public void WriteError(string problem)
    {
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("error"u8, problem);
        json.WriteEndObject();
        EndLine();
    }

    public void Flush()
    {
        if (buffer.WrittenCount == 0)
        {
            return;
        }

        if (stream is not null)
        {
            stream.Write(buffer.WrittenSpan);
            stream.Flush();
        }
        else
        {
            writer!.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            writer.Flush();
        }

        buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        Flush();
        json.Dispose();
        stream?.Dispose();
    }

    private JsonEncodedText Encoded(string text)
    {
        if (!encoded.TryGetValue(text, out var value))
        {
            value = JsonEncodedText.Encode(text, Options.Encoder);
            encoded[text] = value;
        }

        return value;
    }

    private void EndLine()
    {
        json.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        if (buffer.WrittenCount >= FlushAt)
        {
            Flush();
        }
    }
}
