// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
// The filtered column, then the ORDER BY's columns in its order. (Category, Price) alone works in SQLite, which ends every
// index with the rowid (the Id); naming the Id makes the index right on any database.
string IndexSql() => "CREATE INDEX IX_Products_Category_Price_Id ON Products (Category, Price, Id)";
