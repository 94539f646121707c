namespace NkWatch.Core.Pipeline;

/// <summary>What handling one digest message did.</summary>
public sealed record DigestReport(string SubscriberId, string Period, string Outcome, int Stories, string? Detail = null);
