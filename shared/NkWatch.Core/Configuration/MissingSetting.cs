namespace NkWatch.Core.Configuration;

/// <summary>Work that needs a secret setting. Polling, classifying and storing matches need none.</summary>
[Flags]
public enum SecretWork
{
    /// <summary>Signing and checking the tokens of confirm, preferences and unsubscribe links (every digest carries them).</summary>
    Links = 1,

    /// <summary>Sending email: confirmations and digests.</summary>
    Sending = 2,
}

public static class SecretWorks
{
    /// <summary>The name of one kind of work (not a combination): "links", "sending".</summary>
    public static string Name(this SecretWork work) => EnumNames.Of(work);
}

/// <summary>A setting that some work needs and that is not usable, with what to do about it. Never holds the setting's value.</summary>
public sealed record MissingSetting(string Setting, string Problem, SecretWork Blocks)
{
    public string Message => $"{Setting} {Problem}";
}

/// <summary>Work refused because a setting it needs is missing; only that work fails.</summary>
public sealed class MissingSettingException(MissingSetting missing) : InvalidOperationException(missing.Message)
{
    public MissingSetting Missing { get; } = missing;
}
