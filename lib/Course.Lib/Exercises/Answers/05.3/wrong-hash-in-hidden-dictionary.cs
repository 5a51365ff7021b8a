// Mistake: stashes the hash in a dictionary property hidden with [JsonIgnore]: the DTO still carries it.
// Expect: still carries the password hash
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(int Id, string Email, string DisplayName)
{
    [System.Text.Json.Serialization.JsonIgnore] public Dictionary<string, object> Extra { get; init; } = new();
}

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName) { Extra = { ["hash"] = account.PasswordHash } };
