// Mistake: keeps the admin flag in the output type, hidden with [JsonIgnore]: the JSON is right, but the DTO carries an internal field.
// Expect: admin flag
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(int Id, string Email, string DisplayName, [property: System.Text.Json.Serialization.JsonIgnore] bool IsAdmin = false);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName, account.IsAdmin);
