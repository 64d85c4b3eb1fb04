"""FHIR search, as HAPI FHIR's search builder: query parameters parsed (parsing.py), a condition
per value and parameter type (predicates/), the statements planned over the index tables
(planner.py) and run in the interactions' session (executor.py). Reads storage's tables; writes
nothing."""
