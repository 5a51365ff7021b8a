// Mistake: refuses a file over the limit with 400 Bad Request ("the request is bad"), where 413 Payload Too Large says
// what is wrong and that a smaller file would do.
// Expect: should answer 413 Payload Too Large
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
            return Results.BadRequest("file too large");
        }
        return Results.Ok(photos.Select(photo => new { name = photo.FileName, size = photo.Length }));
    })
    .DisableAntiforgery(); // called with tokens, not cookies
}
