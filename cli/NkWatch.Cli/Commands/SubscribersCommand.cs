using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Cli.Hosting;

namespace NkWatch.Cli.Commands;

/// <summary><c>nkwatch subscribers add|list|remove|export|delete</c>: the operator's view of the subscriber list.</summary>
internal static class SubscribersCommand
{
    public static Command Create(CommandIo io)
    {
        var frequency = new Option<string>("--frequency") { HelpName = "instant|daily|weekly", Description = "how often digests go out", DefaultValueFactory = _ => "daily" };
        frequency.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "instant", "daily", "weekly");
        var topics = new Option<string?>("--topics") { HelpName = "a,b", Description = "topic ids of the rule file (default: all topics)" };
        var add = Subcommand("add", "add a confirmed subscriber (the operator vouches for the address)", out var addEmail, out var addState, frequency, topics);
        add.SetGuardedAction(io, async (parsed, cancellationToken) =>
        {
            var email = PersonalDataCommands.Checked(parsed.GetRequiredValue(addEmail));
            using var host = await LocalServices.StartStateAsync(addState.Read(parsed, io), cancellationToken).ConfigureAwait(false);
            return await AddAsync(email, Enum.Parse<Frequency>(parsed.GetRequiredValue(frequency), ignoreCase: true), parsed.GetValue(topics), host.Services, io, cancellationToken).ConfigureAwait(false);
        });

        var json = new Option<bool>("--json") { Description = "print the list as JSON" };
        var list = new Command("list", "the subscriber list") { json };
        var listState = StateOptions.AddTo(list);
        list.SetGuardedAction(io, async (parsed, cancellationToken) =>
        {
            using var host = await LocalServices.StartStateAsync(listState.Read(parsed, io), cancellationToken).ConfigureAwait(false);
            return await ListAsync(parsed.GetValue(json), host.Services, io, cancellationToken).ConfigureAwait(false);
        });

        return new Command("subscribers", "the operator's view of the subscriber list")
        {
            add,
            list,
            WithEmail("remove", "remove a subscriber", io, RemoveAsync),
            WithEmail("export", "everything stored about the address, as JSON", io, PersonalDataCommands.ExportAsync),
            WithEmail("delete", "erase the subscriber, their digest log and counters", io, PersonalDataCommands.DeleteAsync),
        };
    }

    /// <summary>A subcommand taking EMAIL and the state options, plus its own <paramref name="options"/>.</summary>
    private static Command Subcommand(string name, string description, out Argument<string> email, out StateOptions state, params Option[] options)
    {
        email = new Argument<string>("EMAIL") { Description = "the subscriber's email address" };
        var command = new Command(name, description) { email };
        foreach (var option in options)
        {
            command.Add(option);
        }

        state = StateOptions.AddTo(command);
        return command;
    }

    private static Command WithEmail(string name, string description, CommandIo io, Func<string, IServiceProvider, CommandIo, CancellationToken, Task<int>> work)
    {
        var command = Subcommand(name, description, out var email, out var state);
        command.SetGuardedAction(io, async (parsed, cancellationToken) =>
        {
            var address = parsed.GetRequiredValue(email);
            using var host = await LocalServices.StartStateAsync(state.Read(parsed, io), cancellationToken).ConfigureAwait(false);
            return await work(address, host.Services, io, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RemoveAsync(string email, IServiceProvider services, CommandIo io, CancellationToken cancellationToken)
    {
        if (!await services.GetRequiredService<SubscriberDirectory>().RemoveAsync(email, cancellationToken).ConfigureAwait(false))
        {
            throw new UsageException($"no subscriber {email}");
        }

        await io.Out.WriteLineAsync($"removed {email}").ConfigureAwait(false);
        return CommandLine.Ok;
    }

    private static async Task<int> AddAsync(string email, Frequency frequency, string? topicsOption, IServiceProvider services, CommandIo io, CancellationToken cancellationToken)
    {
        var topics = ParseTopics(topicsOption, services);
        var subscriber = await services.GetRequiredService<SubscriberDirectory>().AddConfirmedAsync(email, frequency, topics, cancellationToken).ConfigureAwait(false);
        await io.Out.WriteLineAsync($"subscribed {subscriber.Email} ({subscriber.Frequency.Name()}, topics: {(topics.Count == 0 ? "all" : string.Join(",", topics))}) id {subscriber.Id}").ConfigureAwait(false);
        return CommandLine.Ok;
    }

    private static List<string> ParseTopics(string? option, IServiceProvider services)
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

    private static async Task<int> ListAsync(bool json, IServiceProvider services, CommandIo io, CancellationToken cancellationToken)
    {
        var subscribers = await services.GetRequiredService<ISubscriberStore>().ListAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            var rows = subscribers.Select(s => new
            {
                id = s.Id,
                email = s.Email,
                status = s.Status.Name(),
                frequency = s.Frequency.Name(),
                topics = s.Topics,
                timezone = s.TimeZone,
            });
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(rows, CliJson.Options)).ConfigureAwait(false);
            return CommandLine.Ok;
        }

        foreach (var s in subscribers)
        {
            await io.Out.WriteLineAsync($"{s.Email}\t{s.Status.Name()}\t{s.Frequency.Name()}\t{(s.Topics.Count == 0 ? "all" : string.Join(",", s.Topics))}").ConfigureAwait(false);
        }

        return CommandLine.Ok;
    }
}
