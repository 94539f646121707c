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
    public static async Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken)
    {
        var arguments = new Arguments(args, ["content-type", "timeout"], ["json"]);
        arguments.ExpectAtMost(1);
        var source = arguments.Positional(0, "a feed file or URL");

        using var services = LocalServices.ForTools(FetchSettings.From(arguments));
        var parser = services.GetRequiredService<FeedParser>();
        var (body, contentType, location) = await ReadAsync(source, services, cancellationToken).ConfigureAwait(false);

        ParsedFeed feed;
        try
        {
            feed = parser.Parse(body, arguments.Option("content-type") ?? contentType, location, "cli");
        }
        catch (FeedParseException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (feed.Warning is not null)
        {
            await io.Error.WriteLineAsync("warning: " + feed.Warning).ConfigureAwait(false);
        }

        if (arguments.Flag("json"))
        {
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(ToContract(feed), CliJson.Options)).ConfigureAwait(false);
        }
        else
        {
            await WriteTextAsync(io.Out, feed).ConfigureAwait(false);
        }

        return CommandLine.Ok;
    }

    private static async Task<(byte[] Body, string? ContentType, Uri? Location)> ReadAsync(string source, ServiceProvider services, CancellationToken cancellationToken)
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
