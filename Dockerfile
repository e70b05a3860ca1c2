# The API image: slim, non-root, checked through /readyz.
FROM python:3.11-slim

# PORT: where `tradestat serve` listens (its --port reads it), and what the health check asks.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PORT=8000
WORKDIR /srv/tradestat

# The locked packages first (their layer survives code changes), every hash checked.
COPY requirements/main.txt requirements/main.txt
RUN pip install --require-hashes -r requirements/main.txt
COPY pyproject.toml README.md ./
COPY app ./app
COPY migrations ./migrations
COPY seeds ./seeds
RUN pip install --no-deps -e . && useradd --system --uid 10001 --no-create-home tradestat
USER tradestat

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import os,sys,urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('PORT', '8000'), timeout=2).status != 200)"]
CMD ["tradestat", "serve", "--host", "0.0.0.0"]
