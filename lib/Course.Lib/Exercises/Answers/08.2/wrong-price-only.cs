// Mistake: an index on the sort column alone: no sort step, but SQLite walks the whole index to find the category.
// Expect: walks the whole index
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_W ON Products (Price)";
