// Mistake: a constant greeting that ignores the name.
// Expect: but it was "Hello!"
// Exercise 00.1: return "Hello, <name>!" for any name.
string Greet(string name) => "Hello!";
