// Mistake: builds the greeting from the name but leaves out the comma and the exclamation mark.
// Expect: to be "Hello, Ada!", but it was "Hello Ada"
// Exercise 00.1: return "Hello, <name>!" for any name.
string Greet(string name) => $"Hello {name}";
