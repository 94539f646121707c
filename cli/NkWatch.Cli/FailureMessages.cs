using System.Reflection;
using System.Text.RegularExpressions;
using Azure;
using Microsoft.Extensions.Options;
using NkWatch.Core;
using NkWatch.Core.Configuration;
using NkWatch.Core.Storage;

namespace NkWatch.Cli;

/// <summary>
/// The one line a person reads when a command cannot go on: which setting, file or store is wrong
/// and why, never a stack trace.
/// </summary>
internal static partial class FailureMessages
{
    public static string For(Exception exception) => exception switch
    {
        UsageException or ConfigurationFileException => exception.Message,
        MissingSettingException missing => $"setting {missing.Missing.Setting}: {missing.Missing.Problem}",
        OptionsValidationException invalid => Setting(invalid),
        AggregateException { InnerExceptions: [OptionsValidationException invalid, ..] } => Setting(invalid),
        InvalidOperationException { Message: var text } when ConversionPattern().Match(text) is { Success: true } conversion =>
            $"setting {conversion.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal)}: {text}",
        StateStoreException store => store.Message,
        RequestFailedException azure => $"Azure Storage (--storage) answered {azure.Status} {azure.ErrorCode}: {FirstLine(azure.Message)}",
        UnauthorizedAccessException or IOException => exception.Message,
        _ => $"{FirstLine(exception.Message)} ({exception.GetType().Name})",
    };

    /// <summary>"setting Digests__ClaimLeaseMinutes: The field ... must be between 1 and 120."</summary>
    private static string Setting(OptionsValidationException invalid)
    {
        var section = invalid.OptionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        var failures = invalid.Failures.Select(failure => FailurePattern().Match(failure) is { Success: true } m
            ? $"{(section is null ? string.Empty : section + "__")}{m.Groups[1].Value}: {m.Groups[2].Value}"
            : failure);
        return "setting " + string.Join("; ", failures);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"members: '([^']+)' with the error: '(.*)'\.?$")]
    private static partial Regex FailurePattern();

    [GeneratedRegex(@"configuration value (?:'[^']*' )?at '([^']+)'")]
    private static partial Regex ConversionPattern();
}
