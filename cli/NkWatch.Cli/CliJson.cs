using System.Text.Encodings.Web;
using System.Text.Json;

namespace NkWatch.Cli;

internal static class CliJson
{
    /// <summary>Compact JSON that keeps non-ASCII text (Korean) readable; it is never embedded in HTML.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
