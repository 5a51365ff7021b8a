// Mistake: a partial index for the one category in the query (WHERE Category = 'kitchen'): every other category's page still scans and sorts.
// Expect: a partial index
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_W ON Products (Category, Price) WHERE Category = 'kitchen'";
