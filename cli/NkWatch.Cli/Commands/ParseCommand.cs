using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Feeds;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch parse &lt;file|url&gt; [--json] [--content-type TYPE] [--timeout SECONDS]</c>: one feed,
/// normalised. A URL is fetched with the same limits as a poll; <c>--content-type</c> says what a
/// server would have sent with a file (its charset decides the encoding).
/// </summary>
internal static class ParseCommand
{
    public static Command Create(CommandIo io)
    {
        var source = new Argument<string>("file|url") { Description = "a saved feed file, or an http or https URL to fetch" };
        var json = new Option<bool>("--json") { Description = "print the contract JSON: {\"feed\":{...},\"items\":[...]}" };
        var contentType = new Option<string?>("--content-type") { HelpName = "TYPE", Description = "the Content-Type a server would have sent with the file (its charset decides the encoding)" };
        var timeout = FetchSettings.TimeoutOption();
        var command = new Command("parse", "parse one feed and print it normalised") { source, json, contentType, timeout };
        command.SetGuardedAction(io, (parsed, cancellationToken) => RunAsync(
            parsed.GetRequiredValue(source), parsed.GetValue(json), parsed.GetValue(contentType), parsed.GetValue(timeout), io, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string source, bool json, string? contentTypeOption, int? timeout, CommandIo io, CancellationToken cancellationToken)
    {
        using var host = await LocalServices.StartToolsAsync(FetchSettings.From(timeout), cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var parser = services.GetRequiredService<FeedParser>();
        var (body, contentType, location) = await ReadAsync(source, services, cancellationToken).ConfigureAwait(false);

        ParsedFeed feed;
        try
        {
            feed = parser.Parse(body, contentTypeOption ?? contentType, location, "cli");
        }
        catch (FeedParseException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (feed.Warning is not null)
        {
            await io.Error.WriteLineAsync("warning: " + feed.Warning).ConfigureAwait(false);
        }

        if (json)
        {
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(ToContract(feed), CliJson.Options)).ConfigureAwait(false);
        }
        else
        {
            await WriteTextAsync(io.Out, feed).ConfigureAwait(false);
        }

        return CommandLine.Ok;
    }

    private static async Task<(byte[] Body, string? ContentType, Uri? Location)> ReadAsync(string source, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            var fetched = await services.GetRequiredService<FeedFetcher>().FetchAsync(url, null, cancellationToken).ConfigureAwait(false);
            return fetched.Outcome == FetchOutcome.Content
                ? (fetched.Body, fetched.ContentType, fetched.FinalUri)
                : throw new UsageException($"{source}: {fetched.Error ?? "no content"}");
        }

        if (!File.Exists(source))
        {
            throw new UsageException($"{source}: no such file (and not an http or https URL)");
        }

        var limit = services.GetRequiredService<IOptions<FetchOptions>>().Value.MaxBytes;
        await using var stream = File.OpenRead(source);
        var buffer = new byte[limit + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        if (total > limit)
        {
            throw new UsageException($"{source}: larger than {limit} bytes");
        }

        return (buffer[..total], null, null);
    }

    private static object ToContract(ParsedFeed feed) => new
    {
        feed = new { title = feed.Title, link = feed.Link, format = feed.Format },
        items = feed.Items.Select(i => new
        {
            id = i.ItemId,
            guid = i.Guid,
            title = i.Title,
            link = i.Link,
            published = i.Published?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            summary = i.Summary,
        }),
    };

    private static async Task WriteTextAsync(TextWriter output, ParsedFeed feed)
    {
        await output.WriteLineAsync($"{feed.Title} ({feed.Format}, {feed.Items.Count} items) {feed.Link}").ConfigureAwait(false);
        foreach (var item in feed.Items)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"- {item.Published:yyyy-MM-dd HH:mm} {item.Title}")).ConfigureAwait(false);
            if (item.Link is not null)
            {
                await output.WriteLineAsync($"  {item.Link}").ConfigureAwait(false);
            }
        }
    }
}
