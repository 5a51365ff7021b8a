using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Course.DependencyInjection;

/// <summary>
/// Draws the graph of services the container would build for one service, read from the registrations in an
/// <see cref="IServiceCollection"/>: each node with its lifetime and implementation, its constructor's dependencies
/// indented below it (built first, depth-first — the order the container constructs them in), and warnings for what
/// goes wrong at resolution: a missing registration, a cycle, and a captive dependency (a scoped or transient service
/// held by a singleton).
/// </summary>
public static class DependencyGraph
{
    /// <summary>The graph of <typeparamref name="TService"/> as indented text, leaving out the <paramref name="hidden"/> types (for example a logger every service takes).</summary>
    public static string Draw<TService>(IServiceCollection services, params Type[] hidden) => Draw(services, typeof(TService), hidden);

    /// <summary>The graph of <paramref name="serviceType"/> as indented text, leaving out the <paramref name="hidden"/> types.</summary>
    public static string Draw(IServiceCollection services, Type serviceType, params Type[] hidden)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceType);
        ArgumentNullException.ThrowIfNull(hidden);
        var text = new StringBuilder();
        Walk(services, serviceType, depth: 0, heldBySingleton: false, path: [], [.. hidden], text);
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The order in which the container constructs the graph of <paramref name="serviceType"/>: dependencies before the
    /// services that need them, each service once; the <paramref name="hidden"/> types are left out.
    /// </summary>
    public static IReadOnlyList<string> ConstructionOrder(IServiceCollection services, Type serviceType, params Type[] hidden)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceType);
        ArgumentNullException.ThrowIfNull(hidden);
        var order = new List<string>();
        Visit(services, serviceType, [], [.. hidden], order);
        return order;
    }

    private static void Visit(IServiceCollection services, Type serviceType, HashSet<Type> path, HashSet<Type> hidden, List<string> order)
    {
        var descriptor = Find(services, serviceType);
        if (descriptor is null || hidden.Contains(serviceType) || !path.Add(serviceType))
        {
            return;
        }
        foreach (var dependency in DependenciesOf(descriptor))
        {
            Visit(services, dependency, path, hidden, order);
        }
        path.Remove(serviceType);
        var name = Name(serviceType);
        if (!order.Contains(name))
        {
            order.Add(name);
        }
    }

    private static void Walk(IServiceCollection services, Type serviceType, int depth, bool heldBySingleton, List<Type> path, HashSet<Type> hidden,
        StringBuilder text)
    {
        if (hidden.Contains(serviceType))
        {
            return;
        }
        var indent = depth == 0 ? "" : new string(' ', (depth - 1) * 4) + "└── ";
        var descriptor = Find(services, serviceType);
        if (descriptor is null)
        {
            text.AppendLine($"{indent}{Name(serviceType)}  ✗ not registered: resolving it throws InvalidOperationException");
            return;
        }
        var line = $"{indent}{Name(serviceType)}  [{descriptor.Lifetime}]{How(descriptor)}";
        if (path.Contains(serviceType))
        {
            text.AppendLine($"{line}  ✗ cycle: {string.Join(" → ", path.Append(serviceType).Select(Name))}");
            return;
        }
        // Captive when any singleton up the chain holds it (Singleton → Transient → Scoped is captive too).
        if (heldBySingleton && descriptor.Lifetime != ServiceLifetime.Singleton)
        {
            line += descriptor.Lifetime == ServiceLifetime.Scoped
                ? $"  ⚠ captive: a Singleton holds this Scoped service for the app's lifetime (scope validation throws)"
                : $"  ⚠ captive: a Singleton holds this Transient service for the app's lifetime";
        }
        text.AppendLine(line);
        path.Add(serviceType);
        foreach (var dependency in DependenciesOf(descriptor))
        {
            Walk(services, dependency, depth + 1, heldBySingleton || descriptor.Lifetime == ServiceLifetime.Singleton, path, hidden, text);
        }
        path.RemoveAt(path.Count - 1);
    }

    private static ServiceDescriptor? Find(IServiceCollection services, Type serviceType)
    {
        // The last registration wins, as it does for GetService.
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == serviceType && !services[i].IsKeyedService)
            {
                return services[i];
            }
        }
        return null;
    }

    private static IEnumerable<Type> DependenciesOf(ServiceDescriptor descriptor)
    {
        if (descriptor.ImplementationType is not { } type)
        {
            return [];
        }
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        return constructor?.GetParameters().Select(p => p.ParameterType) ?? [];
    }

    private static string How(ServiceDescriptor descriptor) =>
        descriptor.ImplementationType is { } type
            ? type == descriptor.ServiceType ? "" : $" → {Name(type)}"
            : descriptor.ImplementationInstance is not null ? " (instance)" : " (factory: dependencies not visible)";

    private static string Name(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }
        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }
}
