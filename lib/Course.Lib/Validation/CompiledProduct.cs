using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Validation;

namespace Course.Validation;

#pragma warning disable ASP0029 // [ValidatableType] is experimental in ASP.NET Core 10

/// <summary>
/// A product declared in compiled code, not in a cell: ASP.NET Core's validation source generator ran when the course
/// library was built and described it, so plain <c>AddValidation()</c> (<see cref="ValidationExtensions.AddCompiledValidation"/>)
/// validates it. The same record declared in a notebook cell is not described — scripts run no source generators.
/// </summary>
/// <param name="Name">Required, at most 40 characters.</param>
/// <param name="Price">Between 0.01 and 10,000.</param>
[ValidatableType]
public sealed record CompiledProduct(
    [property: Required, StringLength(40)] string? Name,
    [property: Range(0.01, 10_000)] decimal Price);
