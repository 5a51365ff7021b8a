// Mistake: a trivial answer: a statement that creates no index.
// Expect: is not a CREATE INDEX statement
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "SELECT 1";
