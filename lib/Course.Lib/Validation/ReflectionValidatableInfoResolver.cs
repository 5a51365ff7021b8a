using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Validation;

namespace Course.Validation;

// ASP.NET Core 10 marks the resolver API [Experimental("ASP0029")]: it is what the validation source
// generator's own output implements, published for evaluation. This file is the course's one use of it.
#pragma warning disable ASP0029

/// <summary>
/// Finds what to validate in a type by reflection, at run time — what ASP.NET Core 10's validation source
/// generator finds at compile time. Script cells (notebooks) never run source generators, so without this
/// resolver a record declared in a cell is not validated at all; with it, the built-in validation pipeline
/// validates it exactly as it validates a compiled type: DataAnnotations attributes on properties and on a
/// record's primary-constructor parameters, attributes on the type, <see cref="IValidatableObject"/>, nested
/// objects and collections of them.
/// </summary>
/// <remarks>
/// Register it with <see cref="ValidationExtensions.AddValidationByReflection"/>. One difference from the
/// generator: this resolver also describes non-public types, which the generator skips (an <c>internal</c> record is
/// not validated in a compiled app).
/// </remarks>
public sealed class ReflectionValidatableInfoResolver : IValidatableInfoResolver
{
    private readonly ConcurrentDictionary<Type, ReflectionTypeInfo?> _types = new();

    /// <summary>
    /// Describes <paramref name="type"/> for the validation pipeline when it has something to validate
    /// (its own or its members' attributes, <see cref="IValidatableObject"/>, or such a nested type).
    /// </summary>
    public bool TryGetValidatableTypeInfo(Type type, [NotNullWhen(true)] out IValidatableInfo? validatableInfo)
    {
        ArgumentNullException.ThrowIfNull(type);
        validatableInfo = _types.GetOrAdd(type, Describe);
        return validatableInfo is not null;
    }

    /// <summary>
    /// Always false: ASP.NET Core's own run-time resolver already describes endpoint parameters (their
    /// attributes, and complex types, whose properties this resolver then describes).
    /// </summary>
    public bool TryGetValidatableParameterInfo(ParameterInfo parameterInfo, [NotNullWhen(true)] out IValidatableInfo? validatableInfo)
    {
        validatableInfo = null;
        return false;
    }

    private static ReflectionTypeInfo? Describe(Type type)
    {
        if (!HasSomethingToValidate(type, []))
        {
            return null;
        }
        // Only the members the type declares: the pipeline validates inherited members through the base type's own
        // description (as it does with the generator's), so listing them here too would report each error twice.
        var members = ReadableProperties(type, declaredOnly: true)
            .Where(property => PropertyAttributes(property).Length > 0 || HasSomethingToValidate(ElementOrSelf(property.PropertyType), []))
            .Select(property => new ReflectionPropertyInfo(property, PropertyAttributes(property)))
            .ToArray();
        return new ReflectionTypeInfo(type, members, type.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray());
    }

    /// <summary>Whether validating <paramref name="type"/> can find anything to check; a type met again on the way (a cycle) adds nothing.</summary>
    private static bool HasSomethingToValidate(Type type, HashSet<Type> visiting)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!IsUserType(type) || !visiting.Add(type))
        {
            return false;
        }
        return typeof(IValidatableObject).IsAssignableFrom(type)
            || type.GetCustomAttributes<ValidationAttribute>(inherit: true).Any()
            || ReadableProperties(type).Any(property =>
                PropertyAttributes(property).Length > 0 || HasSomethingToValidate(ElementOrSelf(property.PropertyType), visiting));
    }

    /// <summary>
    /// A type written by the app's author — a class, record or struct outside the framework — as opposed to
    /// primitives, strings, dates, framework types and interfaces, which the generator does not describe either.
    /// </summary>
    private static bool IsUserType(Type type)
    {
        if (type.IsInterface || type.IsPrimitive || type.IsEnum || type.IsPointer || type.IsGenericParameter || type.ContainsGenericParameters
            || type == typeof(string) || type == typeof(object) || typeof(Delegate).IsAssignableFrom(type))
        {
            return false;
        }
        var assembly = type.Assembly.GetName().Name ?? "";
        return !(assembly.StartsWith("System", StringComparison.Ordinal)
            || assembly.StartsWith("Microsoft.", StringComparison.Ordinal)
            || assembly is "mscorlib" or "netstandard");
    }

    /// <summary>The element type of a collection property (<c>List&lt;Line&gt;</c> → <c>Line</c>), else the type itself.</summary>
    private static Type ElementOrSelf(Type type)
    {
        if (type == typeof(string))
        {
            return type;
        }
        if (type.IsArray)
        {
            return type.GetElementType()!;
        }
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : type);
    }

    private static IEnumerable<PropertyInfo> ReadableProperties(Type type, bool declaredOnly = false) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | (declaredOnly ? BindingFlags.DeclaredOnly : BindingFlags.Default))
            .Where(property => property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
                && property.GetCustomAttribute<SkipValidationAttribute>() is null
                && property.PropertyType.GetCustomAttribute<SkipValidationAttribute>() is null);

    /// <summary>
    /// The validation attributes of a property, including those written on the matching primary-constructor
    /// parameter of a record (<c>record Item([Range(0, 10)] int Count)</c> puts the attribute on the parameter).
    /// </summary>
    private static ValidationAttribute[] PropertyAttributes(PropertyInfo property)
    {
        var onProperty = property.GetCustomAttributes<ValidationAttribute>(inherit: true);
        var onParameter = PrimaryConstructorParameter(property)?.GetCustomAttributes<ValidationAttribute>() ?? [];
        return [.. onProperty.Concat(onParameter).Distinct()];
    }

    /// <summary>The constructor parameter a record's property comes from (same name, same type), or null.</summary>
    internal static ParameterInfo? PrimaryConstructorParameter(PropertyInfo property) =>
        property.DeclaringType!
            .GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(constructor => constructor.GetParameters())
            .FirstOrDefault(parameter => parameter.Name == property.Name && parameter.ParameterType == property.PropertyType);
}
