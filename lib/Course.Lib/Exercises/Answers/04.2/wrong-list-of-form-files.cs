// Mistake: binds the files as List<IFormFile>: minimal APIs do not bind that from a form, so the parameter is read as a
// JSON body, and a multipart request gets 415 before the handler runs.
// Expect: IFormFileCollection
// Exercise 04.2: POST /photos takes 1–3 files in the form field "files", each at most 1,024 bytes.
// Too big → 413; none or more than three → 400; else 200 with [{ "name": …, "size": … }] in the order sent.
void MapUploads(WebApplication app)
{
    app.MapPost("/photos", (List<IFormFile> files) =>
    {
        var photos = files;
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
    .DisableAntiforgery(); // called with tokens, not cookies
}
