// Exercise 00.1: return "Hello, <name>!" for any name.
string Greet(string name) => $"Hello, {name}!";
