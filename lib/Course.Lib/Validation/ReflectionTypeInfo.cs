using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Validation;

namespace Course.Validation;

#pragma warning disable ASP0029 // the validation pipeline's extension point; see ReflectionValidatableInfoResolver

/// <summary>A type as the validation pipeline sees it: its validated members and its own attributes.</summary>
internal sealed class ReflectionTypeInfo(Type type, IReadOnlyList<ValidatablePropertyInfo> members, ValidationAttribute[] attributes)
    : ValidatableTypeInfo(type, members)
{
    private readonly string _typeName = type.Name;

    protected override ValidationAttribute[] GetValidationAttributes() => attributes;

    /// <summary>
    /// Validates as the pipeline does, except that a value nested deeper than <see cref="ValidationOptions.MaxDepth"/> is a
    /// validation error (so the client gets a 400 problem response) instead of the pipeline's
    /// <see cref="InvalidOperationException"/>, which became a 500: a 32-deep JSON body is the client's input, not a bug.
    /// </summary>
    public override Task ValidateAsync(object? value, ValidateContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (value is not null && context.CurrentDepth >= context.ValidationOptions.MaxDepth)
        {
            var path = string.IsNullOrEmpty(context.CurrentValidationPath) ? _typeName : context.CurrentValidationPath;
            (context.ValidationErrors ??= [])[path] =
                [$"The value is nested more than {context.ValidationOptions.MaxDepth} levels deep, which this API does not accept."];
            return Task.CompletedTask;
        }
        return base.ValidateAsync(value, context, cancellationToken);
    }
}
