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

    private readonly ArrayBufferWriter<byte> buffer = new(FlushAt * 2);
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
        json.WriteString("id"u8, result.Id);
        json.WriteBoolean("relevant"u8, result.Relevant);
        json.WriteNumber("score"u8, result.Score);
        json.WriteStartArray("topics"u8);
        foreach (var topic in result.Topics)
        {
            json.WriteStringValue(topic);
        }

        json.WriteEndArray();
        json.WriteStartArray("hits"u8);
        foreach (var hit in result.Hits)
        {
            json.WriteStartObject();
            json.WriteString("term"u8, hit.Term);
            json.WriteString("topic"u8, hit.Topic);
            json.WriteString("field"u8, hit.Field);
            json.WriteNumber("start"u8, hit.Start);
            json.WriteNumber("length"u8, hit.Length);
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
