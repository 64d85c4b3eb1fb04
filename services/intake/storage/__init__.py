"""Storage: the tables (models.py), resources with every version and their search index rows
written together (store.py, indexing.py), and PostgreSQL's planner statistics kept fresh
(statistics.py). Knows nothing of searches or hand-overs."""
