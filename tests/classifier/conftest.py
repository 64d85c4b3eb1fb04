"""Fixtures shared by the classifier's test modules."""

import httpx
import pytest

from services.classifier.main import create_app
from shared.settings import Settings


@pytest.fixture
async def standalone_classifier(tmp_path):
    """The classifier app in process, with no intake to reach (its URL refuses): for what a POSTed Bundle alone decides."""
    app = create_app(Settings(data_dir=tmp_path, intake_url="http://127.0.0.1:9/fhir", max_body_bytes=2_000_000))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://classifier.test") as client:
            yield client
