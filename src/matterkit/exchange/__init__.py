"""Exchange formats: the matters in another system's field names and codes (`national`: the national
exchange schema of the integrated online government-service platform)."""
