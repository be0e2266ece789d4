"""Vietnamese text: normalisation, folding and slugs."""
