using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Validation;

namespace Course.Validation;

/// <summary>Registers ASP.NET Core's built-in minimal-API validation with the course's reflection-based resolver.</summary>
public static class ReflectionValidationExtensions
{
    /// <summary>
    /// <c>AddValidation()</c>, plus a <see cref="ReflectionValidatableInfoResolver"/> that finds what to validate in a
    /// type at run time. In a compiled app, <c>AddValidation()</c> alone validates your types, because a source
    /// generator describes them at build time; notebook cells are scripts, which never run source generators,
    /// so types declared in a cell need this call instead. The validation itself — the endpoint filter, the
    /// attributes, the 400 validation problem — is ASP.NET Core's own.
    /// </summary>
    /// <param name="services">The app's services (<c>builder.Services</c>).</param>
    /// <param name="configure">Further options, as <c>AddValidation(configure)</c> takes them (for example <see cref="ValidationOptions.MaxDepth"/>).</param>
    public static IServiceCollection AddValidationByReflection(this IServiceCollection services, Action<ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddValidation(options =>
        {
#pragma warning disable ASP0029 // the resolver list is the validation pipeline's (experimental) extension point
            options.Resolvers.Add(new ReflectionValidatableInfoResolver());
#pragma warning restore ASP0029
            configure?.Invoke(options);
        });
    }
}
