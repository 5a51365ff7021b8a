// Mistake: leaves the size rule to a FormOptions limit, which answers 400 (the form failed to parse), not 413.
// Expect: FormOptions
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
        return Results.Ok(photos.Select(photo => new { name = photo.FileName, size = photo.Length }));
    })
    .WithFormOptions(multipartBodyLengthLimit: 1024)
    .DisableAntiforgery();
}
