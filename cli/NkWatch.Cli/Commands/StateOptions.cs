using NkWatch.Cli.Hosting;
using NkWatch.Core.Storage;

namespace NkWatch.Cli.Commands;

/// <summary>The options shared by commands that use the store: --data, --feeds, --rules, --storage.</summary>
internal static class StateOptions
{
    public static LocalSettings Read(Arguments arguments, CommandIo io)
    {
        var data = LocalPaths.Data(arguments.Option("data"));
        OwnerOnly.Folder(data);
        var storage = arguments.Option("storage") ?? Environment.GetEnvironmentVariable("NKWATCH_STORAGE");
        io.Error.WriteLine(storage is null ? $"data: {data}" : $"data: {data} (state in Azure Storage)");
        return new LocalSettings(data, LocalPaths.Feeds(arguments.Option("feeds")), LocalPaths.Rules(arguments.Option("rules")), storage);
    }
}
