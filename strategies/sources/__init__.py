"""National statistics an indicator can take its values from: Kolada (SE) and SSB (NO)."""
