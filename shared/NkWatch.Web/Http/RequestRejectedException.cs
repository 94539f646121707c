namespace NkWatch.Web.Http;

/// <summary>A request refused before any work was done: its status code and a message for the person or program that sent it.</summary>
public sealed class RequestRejectedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
