"""The service's Prometheus metrics, kept in a registry of their own per application."""

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# Seconds; from a cached lookup to a slow series over many figures.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass
class Instruments:
    """Every metric /metrics exposes. One per app, so two apps (tests) never share counts."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        labels = ("method", "route", "status")
        self.requests = Counter(
            "tradestat_http_requests",
            "HTTP requests answered, by route template (not raw path) and status.",
            labels,
            registry=self.registry,
        )
        self.latency = Histogram(
            "tradestat_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template and status.",
            labels,
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.pool_in_use = Gauge(
            "tradestat_db_pool_connections_in_use",
            "Database connections checked out of this process's pool.",
            registry=self.registry,
        )
        self.figures = Gauge(
            "tradestat_figures_loaded",
            "Figures in the database by kind (refreshed on scrape, cached briefly).",
            ("kind",),
            registry=self.registry,
        )
