namespace Course.DependencyInjection;

/// <summary>Exercise 06.2: which tenant (customer company) the current request is for; set from a request header.</summary>
public sealed class TenantContext
{
    /// <summary>The tenant's name; <c>(none)</c> until the request sets it.</summary>
    public string Name { get; set; } = "(none)";
}

/// <summary>Exercise 06.2: greets the current request's tenant, read from the <see cref="TenantContext"/> it is given.</summary>
/// <param name="tenant">The tenant of the request this greeter serves.</param>
public sealed class TenantGreeter(TenantContext tenant)
{
    /// <summary>The greeting for the current tenant.</summary>
    public string Greet() => $"Hello, {tenant.Name}!";
}
