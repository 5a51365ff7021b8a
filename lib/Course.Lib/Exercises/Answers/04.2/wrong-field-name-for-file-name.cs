// Mistake: answers IFormFile.Name, the form field's name ("files"), where the file name the client sent is FileName.
// Expect: IFormFile.FileName
// Exercise 04.2: POST /photos takes 1–3 files in the form field "files", each at most 1,024 bytes.
// Too big → 413; none or more than three → 400; else 200 with [{ "name": …, "size": … }] in the order sent.
void MapUploads(WebApplication app)
{
    app.MapPost("/photos", (IFormFileCollection form) =>
    {
        var photos = form.GetFiles("files");
        if (photos.Count is 0 or > 3)
        {
            return Results.BadRequest();
        }
        if (photos.Any(photo => photo.Length > 1024))
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        return Results.Ok(photos.Select(photo => new { name = photo.Name, size = photo.Length }));
    })
    .DisableAntiforgery();
}
