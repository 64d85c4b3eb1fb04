"""What every layer shares: the definitions the server runs on (registry.py over
definitions/*.json), FHIR element paths and references (elements.py), dates as intervals
(dates.py), and the validation of incoming resources (validation.py, model_validation_pool.py)."""
