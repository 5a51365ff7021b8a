// Mistake: (Category, Id, Price): the Id, meant as the tie-breaker, goes before the sort column, so within a category the
// entries are in Id order and SQLite sorts them by price for every page.
// Expect: must then sort
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_Products_Category_Price_Id ON Products (Category, Id, Price)";
