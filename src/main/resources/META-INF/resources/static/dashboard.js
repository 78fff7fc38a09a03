// Draws a dashboard's golden-signal panels with uPlot and keeps them live over SSE.
// Points are merged by timestamp (updates re-send the last minutes, so late data fills in).
(function () {
  "use strict";
  const root = document.querySelector("[data-dashboard]");
  if (!root) return;
  const id = root.dataset.dashboard;
  // The window the URL asked for: a window that ends now follows live and slides; a fixed one stays put.
  const live = root.dataset.live === "true";
  // A still page (?live=false) keeps its window sliding from the moment it was made, but never updates.
  const fromMs = +root.dataset.fromMs;
  const toMs = +root.dataset.toMs;
  const WINDOW_MS = toMs - fromMs;
  let windowEnd = toMs;
  const COLORS = ["#58a6ff", "#f0883e", "#a371f7", "#3fb950", "#f85149"];
  const points = new Map(); // series id -> Map(epochMillis -> value)
  const charts = [...root.querySelectorAll("[data-panel]")].map((el) => ({ el, panel: JSON.parse(el.dataset.panel), plot: null }));
  let liveUpdates = 0;

  function merge(series) {
    for (const [sid, pts] of Object.entries(series)) {
      let m = points.get(sid);
      if (!m) points.set(sid, (m = new Map()));
      for (const [t, v] of pts) m.set(t, v);
    }
  }

  function trim(now) {
    if (!live) return;
    for (const m of points.values()) for (const t of m.keys()) if (t < now - WINDOW_MS) m.delete(t);
  }

  // Zooming is navigating: the window goes into the URL, so it can be shared and undone with Back.
  function show(from, to) {
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    location.assign("?" + q.toString() + location.hash);
  }

  function zoomHooks() {
    return {
      setSelect: [(u) => {
        if (u.select.width < 5) return;
        const from = u.posToVal(u.select.left, "x") * 1000;
        const to = u.posToVal(u.select.left + u.select.width, "x") * 1000;
        show(from, to);
      }],
    };
  }

  const fmt = (v, unit) => window.PipewatchUnits.format(v, unit);
  // The alarms drawn on a panel: those with a threshold on its scale get a line.
  const lines = (panel) => (panel.alarms || []).filter((a) => a.threshold != null);
  // When each of the panel's alarms was firing or pending, from the alerts' transitions: shaded behind the lines.
  const spans = new Map(); // alert id -> [{state, from, to}] in seconds

  function noteSpans(alerts) {
    for (const a of alerts) {
      const out = [];
      let open = null;
      for (const t of a.transitions || []) {
        const at = Date.parse(t.at) / 1000;
        if (open) out.push({ state: open.state, from: open.at, to: at });
        open = t.to === "FIRING" || t.to === "PENDING" ? { state: t.to, at } : null;
      }
      if (open) out.push({ state: open.state, from: open.at, to: null });
      spans.set(a.id, out);
    }
  }

  // This dashboard's incidents: their window is marked on every chart, most strongly on the stage that caused them.
  let incidents = [];
  async function loadIncidents() {
    try {
      const all = await (await fetch("/api/incidents")).json();
      incidents = all.filter((i) => i.pipeline === id && !i.mergedInto).map((i) => ({
        from: Date.parse(i.startedAt) / 1000, to: i.resolvedAt ? Date.parse(i.resolvedAt) / 1000 : null,
        stage: i.cause.stageId, title: i.title,
      }));
    } catch (ignored) { /* marks come with the next try */ }
  }

  function markIncidents(u, stage) {
    const ctx = u.ctx;
    for (const i of incidents) {
      const x0 = Math.max(u.bbox.left, u.valToPos(i.from, "x", true));
      const x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(i.to == null ? u.scales.x.max : i.to, "x", true));
      if (x1 <= x0) continue;
      const cause = i.stage === stage;
      ctx.fillStyle = cause ? "rgba(163, 113, 247, 0.14)" : "rgba(163, 113, 247, 0.06)";
      ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
      ctx.fillStyle = "rgba(163, 113, 247, 0.9)";
      ctx.fillRect(x0, u.bbox.top, 2, u.bbox.height);
      if (cause) {
        ctx.font = Math.round(10 * devicePixelRatio) + "px system-ui, sans-serif";
        ctx.fillText("incident cause", x0 + 4 * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio);
      }
    }
  }

  function shade(panel, stage) {
    return (u) => {
      const ctx = u.ctx;
      const right = u.scales.x.max;
      markIncidents(u, stage);
      ctx.save();
      for (const a of panel.alarms || []) {
        for (const s of spans.get(a.id) || []) {
          const x0 = Math.max(u.bbox.left, u.valToPos(s.from, "x", true));
          const x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(s.to == null ? right : s.to, "x", true));
          if (x1 <= x0) continue;
          ctx.fillStyle = s.state === "FIRING" ? "rgba(248, 81, 73, 0.16)" : "rgba(210, 153, 34, 0.16)";
          ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
        }
      }
      ctx.restore();
    };
  }

  // Values arrive as charted: the server has already turned per-period sums into rates.
  function columns(panel) {
    const times = new Set();
    for (const s of panel.series) for (const t of (points.get(s.id) || new Map()).keys()) times.add(t);
    const xs = [...times].sort((a, b) => a - b);
    const data = [xs.map((t) => t / 1000)];
    for (const s of panel.series) {
      const m = points.get(s.id) || new Map();
      data.push(xs.map((t) => (m.has(t) ? m.get(t) : null)));
    }
    if (panel.reference != null) data.push(xs.map(() => panel.reference));
    for (const a of lines(panel)) data.push(xs.map(() => a.threshold));
    return data;
  }

  function options(panel, width, stage) {
    const units = [...new Set(panel.series.map((s) => s.unit))];
    const series = [{ value: (u, v) => (v == null ? "latest" : new Date(v * 1000).toLocaleTimeString()) }].concat(panel.series.map((s, i) => ({
      label: s.label, stroke: COLORS[i % COLORS.length], width: 1.5, scale: s.unit, spanGaps: false,
      value: (u, v) => fmt(v, s.unit),
    })));
    if (panel.reference != null) {
      const unit = panel.series[0].unit;
      series.push({ label: panel.referenceLabel, stroke: "#f85149", dash: [6, 4], width: 1, scale: unit, value: (u, v) => fmt(v, unit) });
    }
    for (const a of lines(panel)) {
      const unit = (panel.series.find((s) => s.id === a.series) || panel.series[0]).unit;
      series.push({ label: "alarm: " + a.name, stroke: "#f85149", dash: [3, 3], width: 1, scale: unit, value: (u, v) => fmt(v, unit) });
    }
    // Grid lines that read on a dark or a light page.
    const grid = { stroke: "rgba(131, 145, 162, 0.22)", width: 1 };
    const axes = [{ stroke: "#8391a2", grid, ticks: grid }];
    // Durations, percents and bytes carry their unit in each tick ("45 s"); counts and rates name it once, as the label.
    const selfSpoken = (u) => ["ms", "s", "%", "bytes", "milliseconds", "seconds", "percent"].includes(u);
    units.slice(0, 2).forEach((u, i) => axes.push({
      scale: u, side: i === 0 ? 3 : 1, stroke: "#8391a2", grid: { ...grid, show: i === 0 }, ticks: grid, size: 56,
      label: selfSpoken(u) ? undefined : u, labelSize: selfSpoken(u) ? 0 : 14,
      values: (self, vals) => vals.map((v) => (selfSpoken(u) ? fmt(v, u) : fmt(v, "count"))),
    }));
    // Every chart spans the same window (a live one ends at the newest update), so one cursor means one moment on
    // all of them; a fixed window is drawn whole, however little of it has data.
    const scales = { x: { time: true, range: () => [(windowEnd - WINDOW_MS) / 1000, windowEnd / 1000] } };
    units.forEach((u) => (scales[u] = { range: (self, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 1) * 1.1)] }));
    const hooks = zoomHooks();
    hooks.drawClear = [shade(panel, stage)];
    // Not hovering: the legend shows the newest values, not dashes.
    hooks.setCursor = [(u) => { if (u.cursor.idx == null && u.data[0].length) u.setLegend({ idx: u.data[0].length - 1 }); }];
    return { width, height: 170, series, axes, scales, legend: { live: true },
      // One cursor for the whole page: the moment throttles rose lines up with the moment iterator age rose.
      cursor: { drag: { x: true, y: false, setScale: false }, sync: { key: "pipewatch-" + id, setSeries: false } }, hooks };
  }

  function render(now) {
    if (live) windowEnd = now;
    trim(now);
    for (const c of charts) {
      const data = columns(c.panel);
      const target = c.el.querySelector(".chart");
      if (!c.plot) {
        c.plot = new uPlot(options(c.panel, Math.max(200, target.clientWidth), c.el.closest(".stage").id), data, target);
        target.addEventListener("dblclick", () => (history.length > 1 ? history.back() : location.assign("?from=now-30m&to=now")));
      } else c.plot.setData(data);
      if (c.plot.cursor.idx == null && data[0].length) c.plot.setLegend({ idx: data[0].length - 1 });
      c.el.dataset.thresholds = String(lines(c.panel).length);
      const stage = c.el.closest(".stage").id;
      c.el.dataset.incidents = String(incidents.filter((i) => i.stage === stage).length);
      c.el.dataset.spans = String((c.panel.alarms || []).reduce((n, a) => n + (spans.get(a.id) || []).length, 0));
      c.el.dataset.points = String(data.slice(1, 1 + c.panel.series.length).reduce((n, col) => n + col.filter((v) => v != null).length, 0));
      // The newest time drawn: a full window keeps its point count while it slides, so tests watch this.
      c.el.dataset.newest = String(data[0].length ? data[0][data[0].length - 1] : 0);
    }
    document.getElementById("last-update").textContent = new Date(now).toISOString().replace(".000Z", "Z");
  }

  function showAlerts(alerts) {
    for (const a of alerts) {
      for (const el of root.querySelectorAll(`[data-alert="${CSS.escape(a.id)}"]`)) {
        const badge = el.querySelector("[data-state]");
        badge.className = "badge " + a.state;
        badge.textContent = a.state;
        badge.title = a.reason || "";
        el.querySelector("[data-value]").textContent = a.valueText || (a.value == null ? "no data" : fmt(+a.value, a.unit));
      }
    }
  }

  function apply(d) {
    noteSpans(d.alerts);
    merge(d.series);
    render(d.now);
    showAlerts(d.alerts);
  }

  function connect() {
    const live = new EventSource(`/api/dashboards/${encodeURIComponent(id)}/live`);
    const state = document.getElementById("live-state");
    live.onopen = () => (state.textContent = "· live");
    live.onerror = () => (state.textContent = "· reconnecting…");
    live.onmessage = (e) => {
      apply(JSON.parse(e.data));
      root.dataset.liveUpdates = String(++liveUpdates);
    };
  }

  const q = new URLSearchParams({ from: root.dataset.from, to: root.dataset.to });
  if (live) setInterval(loadIncidents, 15000);
  loadIncidents().then(() => fetch(`/api/dashboards/${encodeURIComponent(id)}/data?${q}`))
    .then((r) => r.json())
    .then((d) => {
      apply(d);
      root.dataset.loaded = "true";
      if (live) connect();
      else document.getElementById("live-state").textContent = root.dataset.still === "true"
        ? "· still: rendered once, not following live" : "· fixed window: not following live";
    });

  window.addEventListener("resize", () => {
    for (const c of charts) if (c.plot) c.plot.setSize({ width: Math.max(200, c.el.querySelector(".chart").clientWidth), height: 170 });
  });
})();
