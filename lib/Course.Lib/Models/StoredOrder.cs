namespace Course.Models;

/// <summary>
/// An order as the database stores it, with its customer as a navigation property — the whole
/// <see cref="UserAccount"/>, password hash included. Exercise 05.2 maps it to an output DTO whose customer
/// carries only the public fields.
/// </summary>
/// <param name="Id">The order's id.</param>
/// <param name="Total">The order's total.</param>
/// <param name="Customer">The customer who placed it: a stored account, secrets and all.</param>
public sealed record StoredOrder(int Id, decimal Total, UserAccount Customer)
{
    /// <summary>Two sample orders, placed by two of <see cref="UserAccount.Samples"/>.</summary>
    public static IReadOnlyList<StoredOrder> Samples { get; } =
    [
        new(501, 42.50m, UserAccount.Samples[1]),
        new(502, 7.25m, UserAccount.Samples[2]),
    ];
}
