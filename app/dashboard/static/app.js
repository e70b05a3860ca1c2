// The tradestat dashboard: plain JavaScript over the public HTTP API, nothing else.
//
// It doubles as an example for client authors. Every request below is one an outside
// client can make; see /docs for the full contract. Things worth copying:
//   * lists are {"items": [...], "next_cursor": ...}: pass next_cursor back as `cursor`;
//   * errors are RFC 9457 problem+json: show `detail`, it names what is wrong;
//   * char_start / char_end count Unicode code points, not UTF-16 units (see utf16Index).
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const DEFAULT_PAIR = ["KAZ", "KGZ"];
  const QUALIFIER_SIGN = { exact: "", approximate: "≈", at_most: "≤", at_least: "≥" };
  // Characters of context asked for on each side of a quote: a press release comes whole,
  // an imported statistics file (tens of megabytes) as a window of a few hundred lines.
  const CONTEXT = 20000;

  const UNREVIEWED_NOTE = "unreviewed: extracted or imported, not yet checked by a person";

  const $ = (id) => document.getElementById(id);
  const rowOf = new Map(); // series point -> its table row
  let generation = 0; // bumped on every reload, so a slow answer never paints over a newer one

  // ---- HTTP -------------------------------------------------------------------------------

  // GET a path of the API as JSON; a problem+json answer becomes an Error with its detail.
  async function api(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch (ignored) {
        // not JSON: keep the status text
      }
      throw new Error(`${path}: ${detail}`);
    }
    return response.json();
  }

  // Every item of a paged list: follow next_cursor until it is null (at most `pages` pages).
  async function allItems(path, pages = 50) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < pages; page += 1) {
      const separator = path.includes("?") ? "&" : "?";
      const url = cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path;
      const body = await api(url);
      items.push(...body.items);
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    return items;
  }

  // ---- Formatting -------------------------------------------------------------------------

  function short(number) {
    return String(Number(number.toPrecision(4)));
  }

  function money(value) {
    if (value === null || value === undefined) return "–";
    const size = Math.abs(value);
    if (size >= 1e9) return `$${short(value / 1e9)} bn`;
    if (size >= 1e6) return `$${short(value / 1e6)} m`;
    if (size >= 1e3) return `$${short(value / 1e3)} k`;
    return `$${short(value)}`;
  }

  // "≈ $1.3 bn" for an approximate value; the sign says how the source worded it.
  function stated(value, qualifier) {
    const sign = QUALIFIER_SIGN[qualifier] || "";
    return sign ? `${sign} ${money(value)}` : money(value);
  }

  function pointValue(point) {
    if (point.value_usd !== null) return stated(point.value_usd, point.value_qualifier);
    return `${point.amount} ${point.currency}`;
  }

  function isPartial(point) {
    return point.period_kind !== "year";
  }

  // Every fact carries `review`: "reviewed" or "extracted" (no person has checked it yet).
  function unreviewedBadge(fact) {
    return fact.review === "extracted"
      ? el("span", { class: "badge-unreviewed", title: UNREVIEWED_NOTE }, ["unreviewed"])
      : "";
  }

  function setStatus(message, isError = false) {
    const status = $("status");
    status.textContent = message;
    status.classList.toggle("error", isError);
  }

  // Build a DOM element: el("td", {class: "x"}, ["text", child]).
  function el(name, attributes = {}, children = [], namespace = null) {
    const node = namespace ? document.createElementNS(namespace, name) : document.createElement(name);
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined) node.setAttribute(key, String(value));
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const svg = (name, attributes, children) => el(name, attributes, children, SVG);

  // ---- Country pickers --------------------------------------------------------------------

  // GET /countries?has_data=true lists only countries that some figure or agreement names.
  async function loadCountries() {
    const countries = await allItems("/countries?has_data=true&limit=500");
    const params = new URLSearchParams(location.search);
    const wanted = [params.get("a") || DEFAULT_PAIR[0], params.get("b") || DEFAULT_PAIR[1]];
    ["country-a", "country-b"].forEach((id, index) => {
      const select = $(id);
      select.replaceChildren(
        ...countries.map((c) => el("option", { value: c.code }, [`${c.name} (${c.code})`]))
      );
      if (countries.some((c) => c.code === wanted[index])) select.value = wanted[index];
      else if (countries[index]) select.value = countries[index].code;
    });
    if (params.get("flow")) $("flow").value = params.get("flow");
  }

  // ---- Chart ------------------------------------------------------------------------------

  const MARGIN = { top: 24, right: 16, bottom: 40, left: 64 };
  let lastSeries = null; // redrawn when the window changes width

  function niceStep(max, count) {
    const raw = max / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    const scaled = raw / power;
    const step = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
    return step * power;
  }

  const time = (isoDate) => new Date(`${isoDate}T00:00:00Z`).getTime();

  // The chart is hand-written SVG. Each point is a <g> carrying data-* attributes
  // (period, basis, kind) so tests and scripts can find it, and a <title> for screen readers.
  function renderChart(series, onPick) {
    lastSeries = series;
    const chart = $("chart");
    // Draw at the width the chart has on screen, so that text keeps its size on a phone.
    const width = Math.max(320, Math.min(1000, chart.clientWidth || 800));
    const height = width < 600 ? 280 : 360;
    const points = series.points.filter((p) => p.value_usd !== null);
    const targets = series.targets;
    if (points.length === 0 && targets.length === 0) {
      chart.replaceChildren(el("p", { class: "empty" }, ["No figures for this pair yet."]));
      return;
    }
    const years = points.flatMap((p) => [Number(p.period_start.slice(0, 4)), Number(p.period_end.slice(0, 4))]);
    const firstYear = years.length ? Math.min(...years) : new Date().getUTCFullYear();
    const lastYear = years.length ? Math.max(...years) : firstYear;
    const x0 = time(`${firstYear}-01-01`);
    const x1 = time(`${lastYear + 1}-01-01`);
    const top = Math.max(
      1,
      ...points.map((p) => Math.max(p.value_usd, p.value_high_usd || 0)),
      ...targets.map((t) => t.value_usd)
    );
    const step = niceStep(top * 1.08, 5);
    const yMax = Math.ceil((top * 1.08) / step) * step;
    const plotWidth = width - MARGIN.left - MARGIN.right;
    const plotHeight = height - MARGIN.top - MARGIN.bottom;
    const x = (ms) => MARGIN.left + ((ms - x0) / (x1 - x0)) * plotWidth;
    const y = (value) => MARGIN.top + plotHeight - (value / yMax) * plotHeight;

    const names = series.countries.join(" and ");
    const root = svg("svg", {
      viewBox: `0 0 ${width} ${height}`,
      role: "group", // not "img": its points are buttons a keyboard can reach
      "aria-labelledby": "chart-title",
      "data-role": "chart",
    }, [svg("title", { id: "chart-title" }, [`${series.flow} between ${names}, US dollars`])]);

    // Horizontal grid and the value axis.
    const grid = svg("g", { class: "grid" });
    for (let value = 0; value <= yMax + step / 2; value += step) {
      grid.append(
        svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(value), y2: y(value) }),
        svg("text", { x: MARGIN.left - 8, y: y(value) + 4, "text-anchor": "end" }, [money(value)])
      );
    }
    // Years along the bottom, one label per year (every other one when there are many).
    const axis = svg("g", { class: "axis" });
    const every = Math.ceil((lastYear - firstYear + 1) / Math.floor(width / 70));
    for (let year = firstYear; year <= lastYear + 1; year += 1) {
      const at = x(time(`${year}-01-01`));
      axis.append(svg("line", { x1: at, x2: at, y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight + 5 }));
      if (year <= lastYear && (year - firstYear) % every === 0) {
        const middle = x(time(`${year}-07-02`));
        axis.append(svg("text", { x: middle, y: height - 14, "text-anchor": "middle" }, [String(year)]));
      }
    }
    root.append(grid, axis);

    // Targets: a dashed horizontal line across the plot.
    for (const target of targets) {
      const label = `Target ${stated(target.value_usd, target.value_qualifier)}` +
        (target.target_year ? ` by ${target.target_year}` : "");
      root.append(svg("g", { "data-role": "target", "data-value": target.value_usd }, [
        svg("title", {}, [`${label}${target.set_by ? `, set by ${target.set_by}` : ""}`]),
        svg("line", { class: "target", x1: MARGIN.left, x2: width - MARGIN.right, y1: y(target.value_usd), y2: y(target.value_usd) }),
        svg("text", { class: "target-label", x: width - MARGIN.right - 4, y: y(target.value_usd) - 6, "text-anchor": "end" }, [label]),
      ]));
    }

    // Points of the same period sit side by side instead of on top of each other.
    const samePeriod = new Map();
    for (const point of points) {
      const key = `${point.period_start}/${point.period_end}`;
      samePeriod.set(key, (samePeriod.get(key) || []).concat([point]));
    }
    for (const point of points) {
      const siblings = samePeriod.get(`${point.period_start}/${point.period_end}`);
      const offset = (siblings.indexOf(point) - (siblings.length - 1) / 2) * 16;
      const cx = (x(time(point.period_start)) + x(time(point.period_end) + 86400000)) / 2 + offset;
      const cy = y(point.value_usd);
      const basis = point.basis === "derived" ? "derived" : "reported";
      const describe = `${point.period_label}: ${pointValue(point)}, ${basis}, reported by ${point.reporter}` +
        (point.value_low_usd !== point.value_high_usd ? ` (between ${money(point.value_low_usd)} and ${money(point.value_high_usd)})` : "") +
        (isPartial(point) ? ", part of a year" : "") +
        (point.review === "extracted" ? `, ${UNREVIEWED_NOTE}` : "");
      const group = svg("g", {
        class: "point",
        tabindex: 0,
        role: "button",
        "aria-label": describe,
        "data-period": point.period_label,
        "data-start": point.period_start,
        "data-end": point.period_end,
        "data-basis": basis,
        "data-flow": point.flow,
        "data-kind": point.period_kind,
        "data-qualifier": point.value_qualifier,
        "data-review": point.review,
      }, [svg("title", {}, [describe])]);
      // An unreviewed figure is ringed, so that nobody takes it for a checked one.
      if (point.review === "extracted") {
        group.append(svg("circle", { class: "unreviewed-ring", cx, cy, r: 11 }));
      }
      // An uncertain value gets an error bar from value_low_usd to value_high_usd and its sign.
      if (point.value_low_usd !== null && point.value_low_usd !== point.value_high_usd) {
        const low = y(point.value_low_usd);
        const high = y(point.value_high_usd);
        group.append(
          svg("line", { class: "range", x1: cx, x2: cx, y1: low, y2: high }),
          svg("line", { class: "range", x1: cx - 4, x2: cx + 4, y1: low, y2: low }),
          svg("line", { class: "range", x1: cx - 4, x2: cx + 4, y1: high, y2: high }),
          svg("text", { class: "approx", x: cx + 8, y: high + 4 }, [QUALIFIER_SIGN[point.value_qualifier] || "≈"])
        );
      }
      // Full years are circles; parts of a year are squares. Derived points are hollow.
      group.append(isPartial(point)
        ? svg("rect", { class: `mark ${basis}`, x: cx - 5, y: cy - 5, width: 10, height: 10 })
        : svg("circle", { class: `mark ${basis}`, cx, cy, r: 6 }));
      group.addEventListener("click", () => onPick(point));
      group.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onPick(point);
        }
      });
      root.append(group);
    }
    chart.replaceChildren(root);
  }

  // ---- Table of figures -------------------------------------------------------------------

  function renderTable(points, onPick) {
    const body = $("figures").tBodies[0];
    rowOf.clear();
    if (points.length === 0) {
      body.replaceChildren(el("tr", {}, [el("td", { colspan: 5, class: "empty" }, ["No figures."])]));
      return;
    }
    body.replaceChildren(...points.map((point, index) => {
      const button = el("button", {
        type: "button",
        class: "figure",
        "data-figure": index,
        "aria-label": `${pointValue(point)} for ${point.period_label}: show its sentence`,
      }, [pointValue(point)]);
      button.addEventListener("click", () => onPick(point));
      const basis = point.basis === "derived"
        ? el("span", { class: "basis-derived" }, [
          "derived",
          el("small", { class: "formula" }, [point.derivation ? point.derivation.formula : ""]),
        ])
        : "reported";
      const period = point.period_label + (point.period_inferred ? " (year from context)" : "");
      const row = el("tr", {
        "data-period": point.period_label,
        "data-basis": point.basis,
        "data-flow": point.flow,
        "data-review": point.review,
      }, [
        el("td", {}, [period]),
        el("td", { title: point.attribution || "" }, [`${point.reporter} → ${point.partner}`]),
        el("td", { class: "value" }, [button, unreviewedBadge(point)]),
        el("td", {}, [basis]),
        el("td", { class: "quote" }, [`“${point.source.quote}”`]),
      ]);
      rowOf.set(point, row);
      return row;
    }));
  }

  // ---- The source document, with the quoted sentence highlighted -------------------------

  // The API counts char_start/char_end in code points; JavaScript strings index UTF-16 units.
  // They agree unless the text holds characters outside the Basic Multilingual Plane.
  function utf16Index(text, codePoints) {
    if (!/[\uD800-\uDFFF]/.test(text)) return codePoints;
    let index = 0;
    for (let n = 0; n < codePoints && index < text.length; n += 1) {
      index += text.codePointAt(index) > 0xffff ? 2 : 1;
    }
    return index;
  }

  // Show a figure's sentence inside its document: wrap text[char_start:char_end] in <mark>
  // and scroll to it. GET /documents/{id} would return the whole text and every fact citing
  // it, which for an imported statistics file is tens of megabytes; GET
  // /documents/{id}/excerpt returns just the text around the quote, cut by the server, with
  // the offset it starts at (text_start) and the line the quote is on.
  async function showSource(source, caption) {
    const excerpt = await api(
      `/documents/${source.document_id}/excerpt?char_start=${source.char_start}` +
      `&char_end=${source.char_end}&context=${CONTEXT}`
    );
    const doc = excerpt.document;
    const text = excerpt.text;
    const start = utf16Index(text, source.char_start - excerpt.text_start);
    const end = utf16Index(text, source.char_end - excerpt.text_start);
    const cutAfter = excerpt.text_start + Array.from(text).length < excerpt.text_length;
    const mark = el("mark", { "data-role": "quote" }, [text.slice(start, end)]);
    const where = doc.kind === "dataset" ? `, line ${excerpt.line} of the file` : "";
    $("document-title").textContent = `${doc.title}${doc.publisher ? ` — ${doc.publisher}` : ""}` +
      (caption ? ` (${caption}${where})` : where);
    // A data file reads best as it is: one row per line, in a fixed-width font.
    $("document-text").classList.toggle("dataset", doc.kind === "dataset");
    $("document-text").replaceChildren(
      (excerpt.text_start > 0 ? "…" : "") + text.slice(0, start),
      mark,
      text.slice(end) + (cutAfter ? "…" : "")
    );
    $("document-section").hidden = false;
    mark.scrollIntoView({ block: "center" });
  }

  function pickPoint(point) {
    const caption = point.basis === "derived"
      ? `${point.period_label} is derived from this sentence`
      : `${point.period_label}: ${pointValue(point)}`;
    for (const row of $("figures").tBodies[0].rows) {
      row.classList.toggle("selected", row === rowOf.get(point));
    }
    showSource(point.source, caption).catch((error) => setStatus(error.message, true));
  }

  // ---- Agreements -------------------------------------------------------------------------

  // GET /agreements?country=A lists A's agreements; GET /agreements/{id} gives parties,
  // subjects and signatories, so keep those whose parties include both countries.
  async function loadAgreements(a, b) {
    const listed = await allItems(`/agreements?country=${encodeURIComponent(a)}&limit=100`, 10);
    const details = await Promise.all(listed.map((agreement) => api(`/agreements/${agreement.id}`)));
    return details.filter((agreement) => {
      const parties = new Set(agreement.parties.map((party) => party.country));
      return parties.has(a) && parties.has(b);
    });
  }

  function signatoryText(signatory) {
    const who = signatory.person ? signatory.person.full_name : signatory.office;
    return `${who}${signatory.role ? `, ${signatory.role}` : ""} (${signatory.country})`;
  }

  function renderAgreements(agreements) {
    const box = $("agreements");
    if (agreements.length === 0) {
      box.replaceChildren(el("p", { class: "empty" }, ["No agreements between these two."]));
      return;
    }
    box.replaceChildren(...agreements.map((agreement) => {
      const rows = [
        ["Kind", agreement.kind.replace(/_/g, " ")],
        ["Signed", agreement.signed_on || (agreement.event ? agreement.event.name : "date not given")],
        ["Value", agreement.value_usd !== null ? stated(agreement.value_usd, agreement.value_qualifier) : "not stated"],
        ["Subjects", agreement.subjects.map((s) => s.name + (s.hs_code ? ` (HS ${s.hs_code})` : "")).join("; ") || "–"],
        ["Parties", agreement.parties.map((p) => (p.place ? `${p.place.name}, ${p.country}` : p.country)).join("; ")],
        ["Signatories", agreement.signatories.map(signatoryText).join("; ") || "not named"],
      ];
      const source = el("button", { type: "button", class: "source" }, ["Show the sentence"]);
      source.addEventListener("click", () => {
        showSource(agreement.source, agreement.title).catch((error) => setStatus(error.message, true));
      });
      return el("article", { class: "agreement", "data-agreement": agreement.id, "data-review": agreement.review }, [
        el("h3", {}, [agreement.title, unreviewedBadge(agreement)]),
        el("dl", {}, rows.flatMap(([term, value]) => [el("dt", {}, [term]), el("dd", {}, [value])])),
        source,
      ]);
    }));
  }

  // ---- Putting it together ----------------------------------------------------------------

  async function reload() {
    const a = $("country-a").value;
    const b = $("country-b").value;
    const flow = $("flow").value;
    const mine = (generation += 1);
    history.replaceState(null, "", `?a=${a}&b=${b}&flow=${flow}`);
    if (a === b) {
      setStatus("Pick two different countries.", true);
      return;
    }
    setStatus("Loading…");
    try {
      const [series, agreements] = await Promise.all([
        api(`/turnover/series?countries=${encodeURIComponent(`${a},${b}`)}&flow=${flow}`),
        loadAgreements(a, b),
      ]);
      if (mine !== generation) return;
      renderChart(series, pickPoint);
      renderTable(series.points, pickPoint);
      renderAgreements(agreements);
      $("document-section").hidden = true;
      const count = series.points.length;
      setStatus(`${count} figure${count === 1 ? "" : "s"} for ${a} and ${b}.`);
    } catch (error) {
      if (mine === generation) setStatus(error.message, true);
    }
  }

  async function start() {
    try {
      await loadCountries();
    } catch (error) {
      setStatus(error.message, true);
      return;
    }
    $("pair").addEventListener("change", reload);
    let resizing = null;
    window.addEventListener("resize", () => {
      clearTimeout(resizing);
      resizing = setTimeout(() => lastSeries && renderChart(lastSeries, pickPoint), 150);
    });
    await reload();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
