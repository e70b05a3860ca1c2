"""Reading wrk's report: the figures the HTTP benchmark prints come from here."""

from bench.http import wrk_figures

REPORT = """Running 10s test @ http://127.0.0.1:8000/turnover?year=2022
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.40ms   20.00ms   1.50s    73.50%
    Req/Sec     2.62k   312.11     2.99k    87.99%
  Latency Distribution
     50%    9.89ms
     75%   11.20ms
     90%   14.01ms
     99%    1.53s
  26090 requests in 10.00s, 18.13MB read
  Socket errors: connect 0, read 0, write 0, timeout 33
Requests/sec:   2608.87
Transfer/sec:      1.81MB
"""


def test_percentiles_come_from_the_distribution_not_the_stdev_column() -> None:
    rate, p50, p99, errors, requests = wrk_figures(REPORT)

    assert (rate, p50, p99, requests) == (2608.87, 9.89, 1530.0, 26090)
    assert errors == "Socket errors: connect 0, read 0, write 0, timeout 33"
