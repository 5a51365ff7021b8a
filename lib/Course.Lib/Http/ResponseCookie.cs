using Microsoft.Net.Http.Headers;

namespace Course.Http;

/// <summary>
/// A cookie as a response's <c>Set-Cookie</c> header sets it, with its attributes parsed: what a browser will
/// store, and the security flags that decide who can read it and when it is sent.
/// </summary>
/// <param name="Name">The cookie's name.</param>
/// <param name="Value">The cookie's value, as sent (still URL-encoded).</param>
/// <param name="Path">The <c>Path</c> attribute, or null.</param>
/// <param name="Domain">The <c>Domain</c> attribute, or null (the cookie goes back only to the host that set it).</param>
/// <param name="MaxAge">The <c>Max-Age</c> attribute, or null.</param>
/// <param name="Expires">The <c>Expires</c> attribute, or null (with no <c>Max-Age</c> either: a session cookie).</param>
/// <param name="HttpOnly">True when <c>HttpOnly</c> is set: page scripts (<c>document.cookie</c>) cannot read it.</param>
/// <param name="Secure">True when <c>Secure</c> is set: the browser sends it over HTTPS only.</param>
/// <param name="SameSite">The <c>SameSite</c> attribute (<c>Strict</c>, <c>Lax</c>, <c>None</c>), or null when it is not set.</param>
public sealed record ResponseCookie(string Name, string Value, string? Path, string? Domain, TimeSpan? MaxAge, DateTimeOffset? Expires,
    bool HttpOnly, bool Secure, string? SameSite)
{
    /// <summary>
    /// Parses one <c>Set-Cookie</c> header value as a browser does (RFC 6265 §5.2): an attribute whose value cannot be
    /// read (<c>Max-Age=</c>, <c>Expires=soon</c>) is ignored and the cookie kept; null when the name and value
    /// themselves are not a valid cookie.
    /// </summary>
    public static ResponseCookie? Parse(string setCookie)
    {
        ArgumentNullException.ThrowIfNull(setCookie);
        if (TryParse(setCookie) is not { } cookie)
        {
            var parts = setCookie.Split(';');
            if (TryParse(parts[0]) is null)
            {
                return null;
            }
            var kept = parts[0];
            foreach (var attribute in parts.Skip(1))
            {
                if (TryParse(parts[0] + ";" + attribute) is not null)
                {
                    kept += ";" + attribute;
                }
            }
            cookie = TryParse(kept);
            if (cookie is null)
            {
                return null;
            }
        }
        return new ResponseCookie(cookie.Name.Value ?? "", cookie.Value.Value ?? "", cookie.Path.Value, cookie.Domain.Value, cookie.MaxAge,
            cookie.Expires, cookie.HttpOnly, cookie.Secure, cookie.SameSite switch
            {
                SameSiteMode.Strict => "Strict",
                SameSiteMode.Lax => "Lax",
                SameSiteMode.None => "None",
                _ => null,
            });
    }

    private static SetCookieHeaderValue? TryParse(string setCookie)
    {
        try
        {
            return SetCookieHeaderValue.TryParse(setCookie, out var cookie) ? cookie : null;
        }
        catch (ArgumentException)
        {
            // TryParse throws for some malformed attributes (an empty "Max-Age=", for one) instead of returning false.
            return null;
        }
    }

    /// <summary>The cookie and its attributes on one line, with the security flags spelled out even when they are missing.</summary>
    public override string ToString() =>
        $"{Name}={Value}  Path={Path ?? "(none)"}  Domain={Domain ?? "(none)"}  " +
        $"{(MaxAge is { } maxAge ? $"Max-Age={maxAge.TotalSeconds:0}" : Expires is { } expires ? $"Expires={expires:R}" : "session cookie")}  " +
        $"HttpOnly={(HttpOnly ? "yes" : "NO")}  Secure={(Secure ? "yes" : "NO")}  SameSite={SameSite ?? "(not set)"}";
}
