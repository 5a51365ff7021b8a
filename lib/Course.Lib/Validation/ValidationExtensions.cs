using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Validation;

namespace Course.Validation;

/// <summary>Registers ASP.NET Core's built-in minimal-API validation, as a compiled app and as a notebook cell need it.</summary>
public static class ValidationExtensions
{
    /// <summary>
    /// <c>AddValidation()</c>, plus a <see cref="ReflectionValidatableInfoResolver"/> that finds what to validate in a
    /// type at run time (a course helper, not part of ASP.NET Core). In a compiled app, <c>AddValidation()</c> alone
    /// validates your types, because a source generator describes them at build time; notebook cells are scripts, which
    /// never run source generators, so types declared in a cell need this call instead. The validation itself — the
    /// endpoint filter, the attributes, the 400 validation problem — is ASP.NET Core's own.
    /// </summary>
    /// <param name="services">The app's services (<c>builder.Services</c>).</param>
    /// <param name="configure">Further options, as <c>AddValidation(configure)</c> takes them (for example <see cref="ValidationOptions.MaxDepth"/>).</param>
    public static IServiceCollection AddValidationByReflection(this IServiceCollection services, Action<ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddValidation(services, options =>
        {
#pragma warning disable ASP0029 // the resolver list is the validation pipeline's (experimental) extension point
            options.Resolvers.Add(new ReflectionValidatableInfoResolver());
#pragma warning restore ASP0029
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Plain <c>AddValidation()</c>, exactly as a compiled app calls it: it validates the types the source generator
    /// described when the course library was built (such as <see cref="CompiledProduct"/>) and nothing declared in a cell.
    /// </summary>
    /// <param name="services">The app's services (<c>builder.Services</c>).</param>
    public static IServiceCollection AddCompiledValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddValidation(services, configure: null);
    }

    // The library's one AddValidation() call site: the generator intercepts it to add the resolver it generated for the
    // library's [ValidatableType] types (a second call site makes the .NET 10 generator fail with a duplicate hint name).
    private static IServiceCollection AddValidation(IServiceCollection services, Action<ValidationOptions>? configure) =>
        services.AddValidation(configure);
}
