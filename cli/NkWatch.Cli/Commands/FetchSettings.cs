using System.CommandLine;
using System.Globalization;

namespace NkWatch.Cli.Commands;

/// <summary><c>--timeout SECONDS</c>, shared by the commands that fetch feeds, as the <c>Fetch:TimeoutSeconds</c> setting.</summary>
internal static class FetchSettings
{
    public static Option<int?> TimeoutOption() => new("--timeout")
    {
        HelpName = "SECONDS",
        Description = "the time limit of one fetch, 1 to 300 seconds (default: Fetch__TimeoutSeconds)",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 300)
            {
                result.AddError($"--timeout must be a whole number of seconds from 1 to 300, not \"{text}\"");
                return null;
            }

            return seconds;
        },
    };

    public static Dictionary<string, string?> From(int? timeout)
    {
        var settings = new Dictionary<string, string?>();
        if (timeout is { } seconds)
        {
            settings["Fetch:TimeoutSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
