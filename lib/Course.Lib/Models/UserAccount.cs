using System.Text.Json.Serialization;

namespace Course.Models;

/// <summary>
/// A user as the database stores it — including what must never leave the server (the password hash, the
/// admin flag). Notebook 05 maps it to an output DTO; exercise 05.2 checks that only public fields go out.
/// </summary>
/// <param name="Id">The user's id.</param>
/// <param name="Email">The user's e-mail address (shown to the user themself).</param>
/// <param name="DisplayName">The name other users see.</param>
/// <param name="PasswordHash">The password hash: internal, never in a response.</param>
/// <param name="IsAdmin">Whether the user is an administrator: internal.</param>
/// <param name="CreatedAt">When the account was created.</param>
public sealed record UserAccount(int Id, string Email, string DisplayName, string PasswordHash,
    [property: JsonPropertyOrder(1)] bool IsAdmin, [property: JsonPropertyOrder(1)] DateTimeOffset CreatedAt)
{
    /// <summary>The password hash: internal, never in a response.</summary>
    /// <remarks>Declared here to see each built account; the order keeps the JSON as declared (IsAdmin, CreatedAt after it).</remarks>
    public string PasswordHash { get; init; } = Stored(Email, PasswordHash);

    /// <summary>
    /// Told the e-mail and password hash of every account built while it is set (exercise 05.2's check uses it to see
    /// what an endpoint stores, which no response shows).
    /// </summary>
    internal static event Action<string, string>? Built;

    private static string Stored(string email, string passwordHash)
    {
        Built?.Invoke(email, passwordHash);
        return passwordHash;
    }

    /// <summary>
    /// A stand-in password hash for sample code (a salted SHA-256 in the PHC string format, deterministic): enough to
    /// show that a hash is stored, not a real password hasher — real code uses ASP.NET Core Identity's
    /// <c>PasswordHasher</c> or a vetted Argon2 library.
    /// </summary>
    public static string HashPassword(string password) =>
        "$sha256$c2FsdA$" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("salt:" + password))).TrimEnd('=');

    /// <summary>Three sample accounts, with distinct values in every field.</summary>
    public static IReadOnlyList<UserAccount> Samples { get; } =
    [
        new(1, "ada@example.com", "Ada", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$YWRhLWhhc2g", IsAdmin: true, new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.Zero)),
        new(2, "grace@example.com", "Grace H.", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$Z3JhY2UtaGFzaA", IsAdmin: false, new DateTimeOffset(2025, 1, 15, 14, 0, 0, TimeSpan.Zero)),
        new(7, "linus@example.com", "linus", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$bGludXMtaGFzaA", IsAdmin: false, new DateTimeOffset(2025, 6, 30, 23, 59, 0, TimeSpan.Zero)),
    ];
}
