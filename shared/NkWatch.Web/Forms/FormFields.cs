using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using NkWatch.Web.Http;

namespace NkWatch.Web.Forms;

/// <summary>
/// The fields of a submitted form, whether it came form-encoded (a browser) or as a JSON object
/// (a script): names to one or more text values. Anything else is refused with 400.
/// </summary>
public sealed class FormFields
{
    private const int MaxFields = 100;
    private const int MaxValueLength = 2048;

    private readonly Dictionary<string, StringValues> fields;

    private FormFields(Dictionary<string, StringValues> fields) => this.fields = fields;

    public static FormFields Empty { get; } = new(new Dictionary<string, StringValues>(StringComparer.Ordinal));

    public static async Task<FormFields> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var mediaType = RequestBody.RequireMediaType(request, RequestBody.FormUrlEncoded, RequestBody.Json);
        var text = await RequestBody.ReadTextAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        return mediaType == RequestBody.Json ? FromJson(text) : await FromUrlEncodedAsync(text).ConfigureAwait(false);
    }

    public static async Task<FormFields> FromUrlEncodedAsync(string text)
    {
        using var reader = new FormReader(text)
        {
            ValueCountLimit = MaxFields,
            KeyLengthLimit = 100,
            ValueLengthLimit = MaxValueLength,
        };
        try
        {
            var form = await reader.ReadFormAsync().ConfigureAwait(false);
            return new FormFields(new Dictionary<string, StringValues>(form, StringComparer.Ordinal));
        }
        catch (InvalidDataException ex)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "The form could not be read: " + ex.Message);
        }
    }

    public static FormFields FromJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Send a JSON object.");
            }

            var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (fields.Count >= MaxFields || !fields.TryAdd(property.Name, Values(property)))
                {
                    throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"\"{Shorten(property.Name)}\" is given twice or there are too many fields.");
                }
            }

            return new FormFields(fields);
        }
        catch (JsonException ex)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"The body is not valid JSON (line {ex.LineNumber + 1}).");
        }
    }

    /// <summary>The field's one value, or null when it is absent or empty; a field given twice is an error.</summary>
    public string? Single(string name, FieldErrors errors)
    {
        if (!fields.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(name, "Give this only once.");
            return null;
        }

        var value = values[0]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Every value of the field (repeated fields, a JSON array, or a comma-separated list), trimmed, empties dropped.</summary>
    public IReadOnlyList<string> Many(string name) =>
        fields.TryGetValue(name, out var values)
            ? [.. values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : [];

    public bool Has(string name) => fields.ContainsKey(name);

    private static StringValues Values(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.Null => StringValues.Empty,
        JsonValueKind.String => Checked(property.Value.GetString()!),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
        JsonValueKind.Array when property.Value.GetArrayLength() <= MaxFields && property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            new StringValues([.. property.Value.EnumerateArray().Select(e => Checked(e.GetString()!))]),
        _ => throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"\"{Shorten(property.Name)}\" must be a string, a number or a list of strings."),
    };

    private static string Checked(string value) => value.Length <= MaxValueLength
        ? value
        : throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"A value is longer than {MaxValueLength} characters.");

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
