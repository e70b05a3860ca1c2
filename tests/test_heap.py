"""The app's start-up heap is kept out of the collector's way while it serves, and handed
back when it stops."""

import gc
from collections.abc import Iterator

import pytest

from app.config import Settings
from app.main import create_app
from app.runtime.heap import YOUNG_COLLECTION_THRESHOLD


@pytest.fixture
def collector_defaults() -> Iterator[None]:
    threshold = gc.get_threshold()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


@pytest.mark.usefixtures("collector_defaults")
async def test_a_running_app_has_its_startup_objects_frozen(
    database_url: str, settings: Settings
) -> None:
    app = create_app(settings.model_copy(update={"database_url": database_url}))
    assert gc.get_freeze_count() == 0

    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == YOUNG_COLLECTION_THRESHOLD
        frozen = gc.get_freeze_count()
        gc.collect()
        assert gc.get_freeze_count() == frozen  # a full collection leaves them where they are
        assert (await app.state.read_pool.records("SELECT 1 AS one", []))[0]["one"] == 1

    assert gc.get_freeze_count() == 0
