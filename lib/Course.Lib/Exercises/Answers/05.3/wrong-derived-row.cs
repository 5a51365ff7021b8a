// Mistake: returns a subclass that carries the hash: the declared type is UserOut, but the runtime type is serialized.
// Expect: passwordHash
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(int Id, string Email, string DisplayName);
record UserRow(int Id, string Email, string DisplayName, string PasswordHash) : UserOut(Id, Email, DisplayName);

UserOut ToUserOut(UserAccount account) => new UserRow(account.Id, account.Email, account.DisplayName, account.PasswordHash);
