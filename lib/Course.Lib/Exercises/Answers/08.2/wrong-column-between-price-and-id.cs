// Mistake: a column between Price and the end of the index, (Category, Price, Name): within one price the entries are in name order, not Id order, so SQLite still sorts.
// Expect: not in Id order
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_W ON Products (Category, Price, Name)";
