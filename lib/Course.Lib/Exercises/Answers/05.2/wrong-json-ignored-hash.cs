// Mistake: one output type everywhere, with the hash hidden by [JsonIgnore]: the JSON is right, the object still carries the secret
//   (ToString, logs, one changed setting).
// Expect: still carries user 1's password hash
// Exercise 05.2: four endpoints, and no secret in any response.
record UserOut(int Id, string Email, string DisplayName, [property: System.Text.Json.Serialization.JsonIgnore] string PasswordHash);
record OrderOut(int Id, decimal Total, UserOut Customer);
record NewUserIn(string Email, string DisplayName, string Password);

UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName, account.PasswordHash);

void MapUserApi(IEndpointRouteBuilder app)
{
    var users = UserAccount.Samples.ToList();
    app.MapGet("/users/{id:int}", Results<Ok<UserOut>, NotFound> (int id) =>
        users.FirstOrDefault(u => u.Id == id) is { } user ? TypedResults.Ok(ToUserOut(user)) : TypedResults.NotFound());
    app.MapGet("/users", () => users.Select(ToUserOut).ToList());
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
