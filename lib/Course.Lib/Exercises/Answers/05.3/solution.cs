// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(int Id, string Email, string DisplayName);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName);
