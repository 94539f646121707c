using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Cli.Hosting;

namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch subscribers add|list|remove|export|delete</c>: the operator's view of the subscriber list.</summary>
internal static class SubscribersCommand
{
    public static async Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            throw new UsageException("subscribers needs add, list, remove, export or delete");
        }

        var arguments = new Arguments(args[1..], ["data", "storage", "frequency", "topics", "feeds", "rules"], ["json"]);
        using var services = LocalServices.ForState(StateOptions.Read(arguments, io));
        switch (args[0])
        {
            case "add":
                arguments.ExpectAtMost(1);
                return await AddAsync(arguments, services, io, cancellationToken).ConfigureAwait(false);
            case "list":
                arguments.ExpectAtMost(0);
                return await ListAsync(arguments, services, io, cancellationToken).ConfigureAwait(false);
            case "remove":
                arguments.ExpectAtMost(1);
                var email = arguments.Positional(0, "the email address");
                if (!await services.GetRequiredService<SubscriberDirectory>().RemoveAsync(email, cancellationToken).ConfigureAwait(false))
                {
                    throw new UsageException($"no subscriber {email}");
                }

                await io.Out.WriteLineAsync($"removed {email}").ConfigureAwait(false);
                return CommandLine.Ok;
            case "export":
                arguments.ExpectAtMost(1);
                return await PersonalDataCommands.ExportAsync(arguments.Positional(0, "the email address"), services, io, cancellationToken).ConfigureAwait(false);
            case "delete":
                arguments.ExpectAtMost(1);
                return await PersonalDataCommands.DeleteAsync(arguments.Positional(0, "the email address"), services, io, cancellationToken).ConfigureAwait(false);
            default:
                throw new UsageException($"unknown subscribers command \"{args[0]}\"");
        }
    }

    private static async Task<int> AddAsync(Arguments arguments, ServiceProvider services, CommandIo io, CancellationToken cancellationToken)
    {
        var email = arguments.Positional(0, "the email address");
        if (!EmailAddress.TryNormalize(email, out _))
        {
            throw new UsageException($"not a valid email address: {email}");
        }

        var frequencyText = arguments.Option("frequency") ?? "daily";
        if (!Enum.TryParse<Frequency>(frequencyText, ignoreCase: true, out var frequency) || int.TryParse(frequencyText, out _))
        {
            throw new UsageException($"--frequency must be instant, daily or weekly, not \"{frequencyText}\"");
        }

        var topics = ParseTopics(arguments.Option("topics"), services);
        var subscriber = await services.GetRequiredService<SubscriberDirectory>().AddConfirmedAsync(email, frequency, topics, cancellationToken).ConfigureAwait(false);
        await io.Out.WriteLineAsync($"subscribed {subscriber.Email} ({subscriber.Frequency.ToString().ToLowerInvariant()}, topics: {(topics.Count == 0 ? "all" : string.Join(",", topics))}) id {subscriber.Id}").ConfigureAwait(false);
        return CommandLine.Ok;
    }

    private static List<string> ParseTopics(string? option, ServiceProvider services)
    {
        if (string.IsNullOrWhiteSpace(option))
        {
            return [];
        }

        var known = services.GetRequiredService<NkWatch.Core.Configuration.IClassifierProvider>().Rules.Topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var topics = option.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = topics.Where(t => !known.Contains(t)).ToList();
        return unknown.Count == 0
            ? topics
            : throw new UsageException($"unknown topic(s) {string.Join(", ", unknown)}; known: {string.Join(", ", known.Order())}");
    }

    private static async Task<int> ListAsync(Arguments arguments, ServiceProvider services, CommandIo io, CancellationToken cancellationToken)
    {
        var subscribers = await services.GetRequiredService<ISubscriberStore>().ListAsync(cancellationToken).ConfigureAwait(false);
        if (arguments.Flag("json"))
        {
            var rows = subscribers.Select(s => new
            {
                id = s.Id,
                email = s.Email,
                status = s.Status.ToString().ToLowerInvariant(),
                frequency = s.Frequency.ToString().ToLowerInvariant(),
                topics = s.Topics,
                timezone = s.TimeZone,
            });
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(rows, CliJson.Options)).ConfigureAwait(false);
            return CommandLine.Ok;
        }

        foreach (var s in subscribers)
        {
            await io.Out.WriteLineAsync($"{s.Email}\t{s.Status.ToString().ToLowerInvariant()}\t{s.Frequency.ToString().ToLowerInvariant()}\t{(s.Topics.Count == 0 ? "all" : string.Join(",", s.Topics))}").ConfigureAwait(false);
        }

        return CommandLine.Ok;
    }
}
