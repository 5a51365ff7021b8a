// Mistake: [JsonIgnore] on the hash of the list's DTO only; the single-user DTO still has it.
// Expect: leaks "passwordHash" at $.passwordHash
// Exercise 05.2: four endpoints, and no secret in any response.
record UserOut(int Id, string Email, string DisplayName);
record OrderOut(int Id, decimal Total, UserOut Customer);
record UserListItem(int Id, string Email, string DisplayName, [property: System.Text.Json.Serialization.JsonIgnore] string PasswordHash);
record UserDetail(int Id, string Email, string DisplayName, string PasswordHash);
record NewUserIn(string Email, string DisplayName, string Password);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName);

void MapUserApi(IEndpointRouteBuilder app)
{
    var users = UserAccount.Samples.ToList();
    app.MapGet("/users/{id:int}", Results<Ok<UserDetail>, NotFound> (int id) =>
        users.FirstOrDefault(u => u.Id == id) is { } user ? TypedResults.Ok(new UserDetail(user.Id, user.Email, user.DisplayName, user.PasswordHash)) : TypedResults.NotFound());
    app.MapGet("/users", () => users.Select(u => new UserListItem(u.Id, u.Email, u.DisplayName, u.PasswordHash)).ToList());
    app.MapGet("/orders/{id:int}", Results<Ok<OrderOut>, NotFound> (int id) =>
        StoredOrder.Samples.FirstOrDefault(o => o.Id == id) is { } order
            ? TypedResults.Ok(new OrderOut(order.Id, order.Total, ToUserOut(order.Customer)))
            : TypedResults.NotFound());
    app.MapPost("/users", Results<Created<UserOut>, Conflict<UserOut>> (NewUserIn input) =>
    {
        if (users.FirstOrDefault(u => string.Equals(u.Email, input.Email, StringComparison.OrdinalIgnoreCase)) is { } taken)
            return TypedResults.Conflict(ToUserOut(taken));
        var user = new UserAccount(users.Max(u => u.Id) + 1, input.Email, input.DisplayName, UserAccount.HashPassword(input.Password), false, DateTimeOffset.UtcNow);
        users.Add(user);
        return TypedResults.Created($"/users/{user.Id}", ToUserOut(user));
    });
}
