"""The REST layer: HTTP in, FHIR out. Routes (routes.py), response bodies and headers
(responses.py), the CapabilityStatement (capability.py) and the audit middleware (audit.py); it
calls the interactions layer and nothing below it."""
