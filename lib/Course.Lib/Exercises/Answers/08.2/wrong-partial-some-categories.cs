// Mistake: a partial index for a few categories (kitchen or books): the others, and any category added later, still scan and sort.
// Expect: not some of its values
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_W ON Products (Category, Price) WHERE Category = 'kitchen' OR Category = 'books'";
