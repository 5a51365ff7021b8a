// Mistake: renames displayName to name: the public shape is exactly id, email, displayName.
// Expect: should have exactly the properties id, email, displayName
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(int Id, string Email, string Name);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName);
