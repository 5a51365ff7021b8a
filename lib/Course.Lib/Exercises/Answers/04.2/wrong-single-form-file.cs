// Mistake: an IFormFile parameter named "files" binds only the first file of that field: the others are never seen.
// Expect: binds only the first file
// Exercise 04.2: POST /photos takes 1–3 files in the form field "files", each at most 1,024 bytes.
// Too big → 413; none or more than three → 400; else 200 with [{ "name": …, "size": … }] in the order sent.
void MapUploads(WebApplication app)
{
    app.MapPost("/photos", (IFormFile files) =>
    {
        if (files.Length > 1024)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        return Results.Ok(new[] { new { name = files.FileName, size = files.Length } });
    })
    .DisableAntiforgery();
}
