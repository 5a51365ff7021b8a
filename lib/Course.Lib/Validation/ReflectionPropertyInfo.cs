using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Validation;

namespace Course.Validation;

#pragma warning disable ASP0029 // the validation pipeline's extension point; see ReflectionValidatableInfoResolver

/// <summary>
/// A property as the validation pipeline sees it. Its display name, used in messages such as
/// "The Name field is required.", is <see cref="DisplayAttribute.Name"/> when given (on the property, or on a record's
/// primary-constructor parameter), else the property's name.
/// </summary>
internal sealed class ReflectionPropertyInfo(PropertyInfo property, ValidationAttribute[] attributes)
    : ValidatablePropertyInfo(property.DeclaringType!, property.PropertyType, property.Name, DisplayNameOf(property))
{
    protected override ValidationAttribute[] GetValidationAttributes() => attributes;

    private static string DisplayNameOf(PropertyInfo property) =>
        property.GetCustomAttribute<DisplayAttribute>()?.Name
        ?? ReflectionValidatableInfoResolver.PrimaryConstructorParameter(property)?.GetCustomAttribute<DisplayAttribute>()?.Name
        ?? property.Name;
}
