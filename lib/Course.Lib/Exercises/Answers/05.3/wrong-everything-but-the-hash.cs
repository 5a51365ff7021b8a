// Mistake: leaves out only the hash: the admin flag and the creation date still go out.
// Expect: isAdmin
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(int Id, string Email, string DisplayName, bool IsAdmin, DateTimeOffset CreatedAt);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName, account.IsAdmin, account.CreatedAt);
