"""The interactions layer: the one way into storage, for single requests, Bundles and the audit
trail alike. The REST layer uses what this package exports, and nothing below it."""

from services.intake.interactions.access import ResourceTexts, bundle_needs, needs
from services.intake.interactions.bundles import BundleProcessor
from services.intake.interactions.interactions import Interactions, SearchResult, UnitOfWork, parse_if_match
from services.intake.search.executor import REVINCLUDE_LIMIT
from services.intake.search.parsing import MODIFIERS
from services.intake.storage.store import Stored

__all__ = ["MODIFIERS", "REVINCLUDE_LIMIT", "BundleProcessor", "Interactions", "ResourceTexts", "SearchResult", "Stored",
           "UnitOfWork", "bundle_needs", "needs", "parse_if_match"]
