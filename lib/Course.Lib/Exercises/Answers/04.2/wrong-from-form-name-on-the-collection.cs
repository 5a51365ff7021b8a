// Mistake: [FromForm(Name = "files")] on an IFormFileCollection, to pick the field: ASP.NET Core refuses to build the
// endpoint (the collection is always every file of the form), and the check passes that reason on.
// Expect: is not supported for parameters of type IFormFileCollection
// Exercise 04.2: POST /photos takes 1–3 files in the form field "files", each at most 1,024 bytes.
// Too big → 413; none or more than three → 400; else 200 with [{ "name": …, "size": … }] in the order sent.
void MapUploads(WebApplication app)
{
    app.MapPost("/photos", ([FromForm(Name = "files")] IFormFileCollection photos) =>
    {
        if (photos.Count is 0 or > 3)
        {
            return Results.BadRequest();
        }
        if (photos.Any(photo => photo.Length > 1024))
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        return Results.Ok(photos.Select(photo => new { name = photo.FileName, size = photo.Length }));
    })
    .DisableAntiforgery();
}
