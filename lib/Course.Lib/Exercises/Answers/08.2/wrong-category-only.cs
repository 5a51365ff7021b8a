// Mistake: an index on the filtered column alone: SQLite finds the category, then sorts its rows by price for every page.
// Expect: must then sort that category's rows by price
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_W ON Products (Category)";
