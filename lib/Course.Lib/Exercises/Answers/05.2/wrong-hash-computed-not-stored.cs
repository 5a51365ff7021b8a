// Mistake: hashes the password, then stores the password anyway (the hash goes unused): what a code review misses.
// Expect: stored the password itself
// Exercise 05.2: four endpoints, and no secret in any response.
record UserOut(int Id, string Email, string DisplayName);
record OrderOut(int Id, decimal Total, UserOut Customer);
record NewUserIn(string Email, string DisplayName, string Password);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName);

void MapUserApi(IEndpointRouteBuilder app)
{
    var users = UserAccount.Samples.ToList();   // requests run at the same time: every read and write takes the lock
    app.MapGet("/users/{id:int}", Results<Ok<UserOut>, NotFound> (int id) =>
    {
        lock (users)
            return users.FirstOrDefault(u => u.Id == id) is { } user ? TypedResults.Ok(ToUserOut(user)) : TypedResults.NotFound();
    });
    app.MapGet("/users", () => { lock (users) return users.Select(ToUserOut).ToList(); });
    app.MapGet("/orders/{id:int}", Results<Ok<OrderOut>, NotFound> (int id) =>
        StoredOrder.Samples.FirstOrDefault(o => o.Id == id) is { } order
            ? TypedResults.Ok(new OrderOut(order.Id, order.Total, ToUserOut(order.Customer)))
            : TypedResults.NotFound());
    app.MapPost("/users", Results<Created<UserOut>, Conflict<UserOut>> (NewUserIn input) =>
    {
        lock (users)   // the e-mail check, the new id and the Add happen as one step
        {
            if (users.FirstOrDefault(u => string.Equals(u.Email, input.Email, StringComparison.OrdinalIgnoreCase)) is { } taken)
                return TypedResults.Conflict(ToUserOut(taken));
            var hash = UserAccount.HashPassword(input.Password);
            var user = new UserAccount(users.Max(u => u.Id) + 1, input.Email, input.DisplayName, input.Password, false, DateTimeOffset.UtcNow);
            users.Add(user);
            return TypedResults.Created($"/users/{user.Id}", ToUserOut(user));
        }
    });
}
