"""Demo data for the Hanoi pilot (sample data, labelled as such)."""
