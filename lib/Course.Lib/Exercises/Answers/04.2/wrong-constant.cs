// Mistake: answers an empty list to every upload without looking at the files.
// Expect: the number of entries
// Exercise 04.2: POST /photos takes 1–3 files in the form field "files", each at most 1,024 bytes.
// Too big → 413; none or more than three → 400; else 200 with [{ "name": …, "size": … }] in the order sent.
void MapUploads(WebApplication app)
{
    app.MapPost("/photos", () => Results.Ok(Array.Empty<object>())).DisableAntiforgery();
}
