namespace NkWatch.Core.Feeds;

/// <summary>The bytes are not a feed NkWatch can read; the message is one line fit for an operator.</summary>
public sealed class FeedParseException(string message, Exception? inner = null) : Exception(message.ReplaceLineEndings(" "), inner);
