// Mistake: the category indexed with COLLATE NOCASE: the query compares with the column's own (binary) collation, so SQLite cannot use the index for it.
// Expect: does not use your index at all
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_W ON Products (Category COLLATE NOCASE, Price)";
