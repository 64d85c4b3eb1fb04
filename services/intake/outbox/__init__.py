"""The hand-over to imaging: what a written ImagingStudy asks for, recorded in the writer's
transaction as the step after the write (handover.py), its table (models.py), and the relay that
delivers it (relay.py)."""
