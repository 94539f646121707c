using System.Globalization;

namespace NkWatch.Cli.Commands;

/// <summary><c>--timeout SECONDS</c>, shared by the commands that fetch feeds, as the <c>Fetch:TimeoutSeconds</c> setting.</summary>
internal static class FetchSettings
{
    public static Dictionary<string, string?> From(Arguments arguments)
    {
        var settings = new Dictionary<string, string?>();
        if (arguments.Option("timeout") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 300)
            {
                throw new UsageException($"--timeout must be a whole number of seconds from 1 to 300, not \"{text}\"");
            }

            settings["Fetch:TimeoutSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
