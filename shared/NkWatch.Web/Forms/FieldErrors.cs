namespace NkWatch.Web.Forms;

/// <summary>What is wrong with a submitted form, field by field (the first problem of each), in the order found.</summary>
public sealed class FieldErrors
{
    private readonly List<KeyValuePair<string, string>> errors = [];

    public bool Any => errors.Count > 0;

    public IReadOnlyList<KeyValuePair<string, string>> All => errors;

    public void Add(string field, string message)
    {
        if (!errors.Any(e => e.Key == field))
        {
            errors.Add(new(field, message));
        }
    }

    public string? For(string field) => errors.FirstOrDefault(e => e.Key == field).Value;

    /// <summary>One line for an API client: "email: Enter a valid email address. frequency: ...".</summary>
    public string Summary() => string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}"));
}
