// Mistake: checks only the last file's size (photos[^1]), so a big file before a small one passes.
// Expect: a 50,000-byte file first
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
        if (photos[^1].Length > 1024)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        return Results.Ok(photos.Select(photo => new { name = photo.FileName, size = photo.Length }));
    })
    .DisableAntiforgery();
}
