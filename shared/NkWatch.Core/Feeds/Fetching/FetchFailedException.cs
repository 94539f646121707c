namespace NkWatch.Core.Feeds;

/// <summary>A limit or protocol rule ended the fetch; the message is the one-line reason reported for the feed.</summary>
internal sealed class FetchFailedException(string reason) : Exception(reason);
