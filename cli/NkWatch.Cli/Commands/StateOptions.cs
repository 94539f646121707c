using System.CommandLine;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Storage;

namespace NkWatch.Cli.Commands;

/// <summary>The options of the commands that use the store: --data, --storage, --feeds, --rules.</summary>
internal sealed class StateOptions
{
    private readonly Option<string?> data = new("--data") { HelpName = "DIR", Description = "the data folder (default: NKWATCH_DATA, else a folder in the user's profile)" };
    private readonly Option<string?> storage = new("--storage") { HelpName = "CONN", Description = "an Azure Storage connection string to use instead of SQLite (default: NKWATCH_STORAGE)" };
    private readonly Option<string?> feeds = SourceOptions.Feeds();
    private readonly Option<string?> rules = SourceOptions.Rules();

    /// <summary>Adds the options to <paramref name="command"/>, which then owns them.</summary>
    public static StateOptions AddTo(Command command)
    {
        var options = new StateOptions();
        command.Add(options.data);
        command.Add(options.storage);
        command.Add(options.feeds);
        command.Add(options.rules);
        return options;
    }

    /// <summary>The chosen state; the data folder is created and named on stderr.</summary>
    public LocalSettings Read(ParseResult parsed, CommandIo io)
    {
        var folder = LocalPaths.Data(parsed.GetValue(data));
        OwnerOnly.Folder(folder);
        var connection = parsed.GetValue(storage) ?? Environment.GetEnvironmentVariable("NKWATCH_STORAGE");
        io.Error.WriteLine(connection is null ? $"data: {folder}" : $"data: {folder} (state in Azure Storage)");
        return new LocalSettings(folder, parsed.GetValue(feeds), parsed.GetValue(rules), connection);
    }
}

/// <summary>--feeds FILE and --rules FILE, for the commands that read the catalogue or the rules without the store.</summary>
internal static class SourceOptions
{
    public static Option<string?> Feeds() => new("--feeds") { HelpName = "FILE", Description = "the feed catalogue (default: Feeds__Source, else config/feeds.json)" };

    public static Option<string?> Rules() => new("--rules") { HelpName = "FILE", Description = "the rule file (default: Rules__Source, else config/rules.json)" };
}
