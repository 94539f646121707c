using System.CommandLine;
using System.Globalization;

namespace NkWatch.Cli.Commands;

/// <summary>An option that takes a whole number within bounds; anything else is a parse error that says so.</summary>
internal static class WholeNumberOption
{
    /// <param name="problem">The error for a value that is not a whole number from min to max, given the text typed.</param>
    public static Option<int?> Create(string name, string helpName, string description, int min, int max, Func<string, string> problem) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                result.AddError(problem(text));
                return null;
            }

            return value;
        },
    };
}
