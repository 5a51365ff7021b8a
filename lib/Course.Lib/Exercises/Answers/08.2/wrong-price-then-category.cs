// Mistake: the columns in the wrong order, (Price, Category): SQLite cannot jump to one category and walks the whole index.
// Expect: does not start with the filtered column
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_W ON Products (Price, Category)";
