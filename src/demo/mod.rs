//! Demo data: a realistic fictional ministry, and synthetic organisations of any size.
