// Mistake: leaves the size rule to [RequestSizeLimit(1024)], which limits the whole request (not each file) and
// which the in-memory server does not enforce.
// Expect: [RequestSizeLimit]
// Exercise 04.2: POST /photos takes 1–3 files in the form field "files", each at most 1,024 bytes.
// Too big → 413; none or more than three → 400; else 200 with [{ "name": …, "size": … }] in the order sent.
void MapUploads(WebApplication app)
{
    app.MapPost("/photos", [RequestSizeLimit(1024)] (IFormFileCollection form) =>
    {
        var photos = form.GetFiles("files");
        if (photos.Count is 0 or > 3)
        {
            return Results.BadRequest();
        }
        return Results.Ok(photos.Select(photo => new { name = photo.FileName, size = photo.Length }));
    })
    .DisableAntiforgery();
}
