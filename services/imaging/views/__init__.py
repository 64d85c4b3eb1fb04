"""The clinician's page of an analysis (GET /analyses/{id}/view): the conclusion, the lesions, and
a viewer that scrolls through the slices around each lesion, rendered here as PNG."""
