// Mistake: counts and lists every file of the form (an IFormFileCollection binds them all), not only those of "files".
// Expect: form.GetFiles("files")
// Exercise 04.2: POST /photos takes 1–3 files in the form field "files", each at most 1,024 bytes.
// Too big → 413; none or more than three → 400; else 200 with [{ "name": …, "size": … }] in the order sent.
void MapUploads(WebApplication app)
{
    app.MapPost("/photos", (IFormFileCollection files) =>
    {
        if (files.Count is 0 or > 3)
        {
            return Results.BadRequest();
        }
        if (files.Any(file => file.Length > 1024))
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        return Results.Ok(files.Select(file => new { name = file.FileName, size = file.Length }));
    })
    .DisableAntiforgery();
}
