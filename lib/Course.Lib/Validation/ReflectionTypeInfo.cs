using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Validation;

namespace Course.Validation;

#pragma warning disable ASP0029 // the validation pipeline's extension point; see ReflectionValidatableInfoResolver

/// <summary>A type as the validation pipeline sees it: its validated members and its own attributes.</summary>
internal sealed class ReflectionTypeInfo(Type type, IReadOnlyList<ValidatablePropertyInfo> members, ValidationAttribute[] attributes)
    : ValidatableTypeInfo(type, members)
{
    protected override ValidationAttribute[] GetValidationAttributes() => attributes;
}
