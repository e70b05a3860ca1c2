"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, on the real service.

No browser is downloaded: Playwright drives /usr/bin/chromium (`apt-get install chromium`;
.ci/run installs it). Screenshots go to artifacts/screenshots/ (git-ignored).
"""

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import pytest_asyncio

from tests.conftest import TEST_FACTS
from tests.ingest.comtrade.files import KAZ_KGZ_2022, write_csv
from tests.live_service import ROOT, LiveService, live_service

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

if not CHROMIUM.exists():
    pytest.skip("Chromium not installed: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import BrowserContext, Page, Route, sync_playwright  # noqa: E402


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def service(
    server: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LiveService]:
    statistics = write_csv(tmp_path_factory.mktemp("csv"), KAZ_KGZ_2022)
    facts = sorted(TEST_FACTS.glob("*.yaml"))
    async with live_service(server, facts, [statistics]) as live:
        yield live


@pytest.fixture(scope="module")
def browser(
    tmp_path_factory: pytest.TempPathFactory, service: LiveService
) -> Iterator[BrowserContext]:
    # Depends on the service so that the service starts first: Playwright's sync API keeps
    # an event loop of its own running, where pytest-asyncio cannot start another.
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data-dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1200, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: BrowserContext, service: LiveService) -> Iterator[Page]:
    """A tab that may reach the service only, and that fails the test on any script error."""
    page = browser.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def only_the_service(route: Route) -> None:
        if route.request.url.startswith(service.base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_service)
    try:
        yield page
    finally:
        page.close()
    assert not outside, f"the page asked other hosts: {outside}"
    assert not errors, f"script errors: {errors}"


def screenshot(page: Page, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def open_dashboard(page: Page, service: LiveService) -> None:
    page.goto(f"{service.base_url}/")
    page.wait_for_selector('[data-role="chart"] [data-period="2022"]')


def test_chart_shows_2022_the_target_and_both_kinds_of_point(
    page: Page, service: LiveService
) -> None:
    open_dashboard(page, service)

    chart = page.locator('[data-role="chart"]')
    assert chart.locator('[data-period="2022"][data-basis="reported"]').count() >= 1
    assert chart.locator('[data-basis="derived"]').count() >= 1
    assert chart.locator('[data-kind="months"] rect').count() >= 1  # a part of a year: a square
    assert chart.locator('[data-role="target"] line').count() == 1
    assert "2 bn" in (chart.locator('[data-role="target"] title').text_content() or "")
    approximate = chart.locator('[data-period="2022"][data-qualifier="approximate"]')
    assert "≈" in (approximate.locator("text.approx").text_content() or "")
    assert page.locator("#country-a").input_value() == "KAZ"
    assert page.locator("#country-b").input_value() == "KGZ"
    screenshot(page, "dashboard-1200")


def test_clicking_a_figure_highlights_its_sentence_in_the_document(
    page: Page, service: LiveService
) -> None:
    series = httpx.get(f"{service.base_url}/turnover/series?countries=KAZ,KGZ").json()
    first_2022 = next(
        p for p in series["points"] if p["period_label"] == "2022" and p["basis"] == "reported"
    )
    open_dashboard(page, service)

    page.locator('#figures tr[data-period="2022"] button.figure').first.click()

    mark = page.locator('#document-text mark[data-role="quote"]')
    mark.wait_for()
    assert mark.text_content() == first_2022["source"]["quote"]
    assert mark.is_visible()
    box, pane = mark.bounding_box(), page.locator("#document-text").bounding_box()
    assert box is not None
    assert pane is not None
    assert pane["y"] <= box["y"] <= pane["y"] + pane["height"]  # scrolled into view
    screenshot(page, "dashboard-quote")


def test_an_imported_figure_shows_its_row_of_the_file(page: Page, service: LiveService) -> None:
    open_dashboard(page, service)
    page.select_option("#flow", "export")
    exports_2022 = '#figures tr[data-flow="export"][data-period="2022"]'
    page.wait_for_selector(exports_2022)

    page.locator(f"{exports_2022} button.figure").first.click()

    mark = page.locator('#document-text mark[data-role="quote"]')
    mark.wait_for()
    assert mark.text_content() == KAZ_KGZ_2022[0]
    assert "line 2 of the file" in (page.locator("#document-title").text_content() or "")
    screenshot(page, "dashboard-imported-row")


def test_agreements_of_the_pair_are_listed_with_value_and_signatories(
    page: Page, service: LiveService
) -> None:
    open_dashboard(page, service)

    agreements = page.locator("#agreements article.agreement")
    agreements.first.wait_for()
    text = page.locator("#agreements").inner_text()
    assert agreements.count() >= 1
    assert "≤ $65 m" in text  # "nearly $65 million"
    assert "Signatories" in text


def test_the_page_fits_a_375_pixel_screen(page: Page, service: LiveService) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    open_dashboard(page, service)

    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 375
    screenshot(page, "dashboard-375")
    screenshot(page, "dashboard-375-screen", full_page=False)


def test_docs_list_every_operation_of_the_schema(page: Page, service: LiveService) -> None:
    spec = httpx.get(f"{service.base_url}/openapi.json").json()
    # Swagger UI lists an operation once under each of its tags, as operations-{tag}-{id}.
    expected = {
        f"operations-{tag}-{op['operationId']}"
        for path in spec["paths"].values()
        for op in path.values()
        for tag in op["tags"]
    }

    page.goto(f"{service.base_url}/docs")
    page.wait_for_selector(".opblock")

    shown = set(page.eval_on_selector_all(".opblock[id]", "blocks => blocks.map(b => b.id)"))
    assert shown == expected
    assert urlsplit(page.url).path == "/docs"
    screenshot(page, "docs")


def test_unreviewed_figures_are_marked_and_the_legend_says_so(
    page: Page, service: LiveService
) -> None:
    """Curated fact files are reviewed; the imported statistics file is not."""
    open_dashboard(page, service)
    reviewed_2022 = '#figures tr[data-flow="turnover"][data-period="2022"]'
    assert page.locator(f"{reviewed_2022}[data-review='reviewed']").count() >= 1
    assert page.locator(f"{reviewed_2022} .badge-unreviewed").count() == 0
    assert "not yet checked" in (
        page.locator('[data-role="legend-unreviewed"]').text_content() or ""
    )

    page.select_option("#flow", "export")
    imported = '#figures tr[data-flow="export"][data-period="2022"][data-review="extracted"]'
    page.wait_for_selector(imported)

    badge = page.locator(f"{imported} .badge-unreviewed")
    assert badge.is_visible()
    assert badge.text_content() == "unreviewed"
    point = page.locator('[data-role="chart"] [data-review="extracted"]').first
    assert point.locator("circle.unreviewed-ring").count() == 1
    assert "not yet checked" in (point.get_attribute("aria-label") or "")
    screenshot(page, "dashboard-unreviewed")
