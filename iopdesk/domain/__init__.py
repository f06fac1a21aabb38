"""Pure clinical rules: no database, no Qt, just facts and the functions that apply them."""
