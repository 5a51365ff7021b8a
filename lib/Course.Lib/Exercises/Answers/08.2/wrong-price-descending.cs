// Mistake: (Category, Price DESC, Id): the index holds each category's prices from the highest down, and Id ascending within
// one price, so neither reading direction gives ORDER BY Price, Id.
// Expect: Price DESC
// Exercise 08.2: the CREATE INDEX statement for the category page, cheapest first.
string IndexSql() => "CREATE INDEX IX_Products_Category_Price_Id ON Products (Category, Price DESC, Id)";
