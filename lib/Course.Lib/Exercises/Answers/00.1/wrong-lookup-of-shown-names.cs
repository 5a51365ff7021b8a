// Mistake: answers only the names the check's table shows, looked up instead of built from the name.
// Expect: Greet("Margaret")
// Exercise 00.1: return "Hello, <name>!" for any name.
string Greet(string name) => name switch
{
    "Ada" => "Hello, Ada!",
    "Linus" => "Hello, Linus!",
    "Grace Hopper" => "Hello, Grace Hopper!",
    _ => "Hello, you!",
};
