// Mistake: keeps the password hash in the output type, hidden with [JsonIgnore] (the review's fooling answer):
//   the JSON is right, but the object still carries the secret (ToString, logs, one changed setting).
// Expect: still carries the password hash
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(int Id, string Email, string DisplayName, [property: JsonIgnore] string PasswordHash);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName, account.PasswordHash);
