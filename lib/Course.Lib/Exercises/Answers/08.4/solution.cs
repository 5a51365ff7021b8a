// Exercise 08.4: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_Products_Category_Price ON Products (Category, Price)";
