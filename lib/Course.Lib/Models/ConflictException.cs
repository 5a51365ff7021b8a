namespace Course.Models;

/// <summary>
/// What an app's own code throws when a request clashes with the resource's current state (a duplicate name,
/// an item already reserved) — a domain exception, as opposed to the framework's. An API maps it to
/// <c>409 Conflict</c>; its message is written for the client.
/// </summary>
/// <param name="message">What clashed, in words the client may read (for example "Item 7 is already reserved.").</param>
public sealed class ConflictException(string message) : Exception(message);
