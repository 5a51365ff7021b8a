namespace Course.Models;

/// <summary>
/// What an app's own code throws when the resource a request names does not exist — a domain exception,
/// as opposed to the framework's. An API maps it to <c>404 Not Found</c>; its message is written for the client.
/// </summary>
/// <param name="message">What is missing, in words the client may read (for example "Item 42 does not exist.").</param>
public sealed class NotFoundException(string message) : Exception(message);
