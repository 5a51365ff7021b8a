namespace Course.Pagination;

/// <summary>One link of an RFC 8288 <c>Link</c> header: a target and its relation type.</summary>
/// <param name="Url">The target, as written between the angle brackets.</param>
/// <param name="Rel">The relation type, such as <c>next</c>, <c>prev</c>, <c>first</c>, <c>last</c>.</param>
public sealed record WebLink(string Url, string Rel);
