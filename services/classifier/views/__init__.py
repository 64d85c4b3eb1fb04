"""The clinician's page of a patient (GET /patients/{id}/view): the differential as ranked bars
with their rationale, the typing, the can't-miss warning, next tests and management, and the
lesions of every imaging analysis with how their volumes changed between studies."""
