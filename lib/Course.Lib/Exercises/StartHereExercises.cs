namespace Course.Exercises;

/// <summary>The exercises of notebook 00, start here.</summary>
public static class StartHereExercises
{
    /// <summary>00.1: a function that greets by name, to try the check / hint / solution cycle.</summary>
    public static Exercise<Func<string, string>> Greeting { get; } = new(
        id: "00.1",
        title: "Greet by name",
        hint: "C# string interpolation puts a value into text: $\"{count} items\" gives \"3 items\" when count is 3. A method whose body is one expression can be written with =>.",
        answers: ExerciseAnswers.Load("00.1"),
        cases:
        [
            new("Greet(\"Ada\") returns \"Hello, Ada!\"", greet => Expect.Equal("Hello, Ada!", greet("Ada"), "Greet(\"Ada\")")),
            new("Greet(\"Linus\") returns \"Hello, Linus!\"", greet => Expect.Equal("Hello, Linus!", greet("Linus"), "Greet(\"Linus\")")),
            new("Greet(\"Grace Hopper\") returns \"Hello, Grace Hopper!\"", greet => Expect.Equal("Hello, Grace Hopper!", greet("Grace Hopper"), "Greet(\"Grace Hopper\")")),
            // Names the table does not show, so an answer that looks up the names above cannot pass.
            new("Greet(any other name) returns \"Hello, <that name>!\"", greet =>
            {
                foreach (var name in new[] { "Margaret", "Dennis Ritchie", "Zoë" })
                {
                    Expect.Equal($"Hello, {name}!", greet(name), $"Greet(\"{name}\")");
                }
            }),
        ]);

    /// <summary>The exercises of notebook 00, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [Greeting];
}
