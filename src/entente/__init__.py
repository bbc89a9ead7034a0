"""entente: unpack the relationship between any two states from evidence."""
