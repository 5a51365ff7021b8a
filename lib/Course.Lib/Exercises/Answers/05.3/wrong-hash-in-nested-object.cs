// Mistake: moves the hash and the admin flag into a nested Credentials object hidden with [JsonIgnore]: the JSON is right, but the DTO still carries the secrets one level down.
// Expect: Internal.PasswordHash
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record Credentials(string PasswordHash, bool IsAdmin);
record UserOut(int Id, string Email, string DisplayName, [property: System.Text.Json.Serialization.JsonIgnore] Credentials? Internal = null);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName, new Credentials(account.PasswordHash, account.IsAdmin));
