// Mistake: returns Ada for every account.
// Expect: should carry account 7's values
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(int Id, string Email, string DisplayName);

UserOut ToUserOut(UserAccount account) => new(1, "ada@example.com", "Ada");
