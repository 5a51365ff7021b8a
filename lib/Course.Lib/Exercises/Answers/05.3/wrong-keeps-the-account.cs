// Mistake: wraps the whole account and serializes only three of its values: the DTO still holds the hash and the admin flag.
// Expect: keeps the whole UserAccount
// Exercise 05.3: the public shape of a user — id, email and display name; nothing else.
record UserOut(UserAccount Account)
{
    public int Id => Account.Id;
    public string Email => Account.Email;
    public string DisplayName => Account.DisplayName;
    [JsonIgnore] public UserAccount Account { get; } = Account;
}

UserOut ToUserOut(UserAccount account) => new(account);
