using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Feeds;

namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch parse &lt;file|url&gt; [--json]</c>: one feed, normalised.</summary>
internal static class ParseCommand
{
    public static async Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken)
    {
        var arguments = new Arguments(args, [], ["json"]);
        arguments.ExpectAtMost(1);
        var source = arguments.Positional(0, "a feed file or URL");

        using var services = LocalServices.ForTools();
        var parser = services.GetRequiredService<FeedParser>();
        var (body, contentType, location) = await ReadAsync(source, services, cancellationToken).ConfigureAwait(false);

        ParsedFeed feed;
        try
        {
            feed = parser.Parse(body, contentType, location, "cli");
        }
        catch (FeedParseException ex)
        {
            throw new UsageException(ex.Message);
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

        var limit = new FetchOptions().MaxBytes;
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
            published = i.Published?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            summary = i.Summary,
        }),
    };

    private static async Task WriteTextAsync(TextWriter output, ParsedFeed feed)
    {
        await output.WriteLineAsync($"{feed.Title} ({feed.Format}, {feed.Items.Count} items) {feed.Link}").ConfigureAwait(false);
        foreach (var item in feed.Items)
        {
            await output.WriteLineAsync($"- {item.Published:yyyy-MM-dd HH:mm} {item.Title}").ConfigureAwait(false);
            if (item.Link is not null)
            {
                await output.WriteLineAsync($"  {item.Link}").ConfigureAwait(false);
            }
        }
    }
}
