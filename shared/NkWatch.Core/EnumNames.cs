using System.Text.Json;

namespace NkWatch.Core;

/// <summary>
/// The one way an enum value is written as text, in JSON, on pages and on the command line: its
/// words in lower case joined by '-' ("weekly", "not-modified", "already-sent"). The outcomes that
/// carry JSON names spell them the same way. Each enum written as text has its own
/// <c>Name()</c> extension built on this, so a caller never lower-cases a name by hand.
/// </summary>
public static class EnumNames
{
    public static string Of<T>(T value)
        where T : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
