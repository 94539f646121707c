using System.CommandLine;
using System.Globalization;

namespace NkWatch.Cli.Commands;

/// <summary><c>--timeout SECONDS</c>, shared by the commands that fetch feeds, as the <c>Fetch:TimeoutSeconds</c> setting.</summary>
internal static class FetchSettings
{
    public static Option<int?> TimeoutOption() => WholeNumberOption.Create(
        "--timeout", "SECONDS", "the time limit of one fetch, 1 to 300 seconds (default: Fetch__TimeoutSeconds)", 1, 300,
        text => $"--timeout must be a whole number of seconds from 1 to 300, not \"{text}\"");

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
