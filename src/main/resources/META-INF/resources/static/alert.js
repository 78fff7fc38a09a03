// Draws an alert's metric as its alarm reads it (one value per period), with the threshold or the
// anomaly band, and shades the time it spent firing (red) and pending (amber). data-points counts the
// values drawn, for tests; data-spans the shaded spans.
(function () {
  "use strict";
  const el = document.querySelector("[data-alert-chart]");
  if (!el || typeof uPlot === "undefined") return;
  const chart = JSON.parse(el.dataset.alertChart);
  const target = el.querySelector(".chart");
  if (!chart.times.length) {
    target.textContent = "No datapoints to draw.";
    return;
  }

  const fmt = (v) => window.PipewatchUnits.format(v, chart.unit);

  const xs = chart.times.map((t) => t / 1000);
  const data = [xs, chart.values];
  const series = [{}, { label: "value", stroke: "#58a6ff", width: 2, value: (u, v) => fmt(v) }];
  if (chart.threshold != null) {
    data.push(xs.map(() => chart.threshold));
    series.push({ label: "threshold", stroke: "#f85149", dash: [6, 4], width: 1, value: (u, v) => fmt(v) });
  }
  if (chart.bandLower.length) {
    data.push(chart.bandLower, chart.bandUpper);
    series.push({ label: "expected (low)", stroke: "#8b949e", dash: [3, 3], value: (u, v) => fmt(v) },
      { label: "expected (high)", stroke: "#8b949e", dash: [3, 3], value: (u, v) => fmt(v) });
  }
  const last = xs[xs.length - 1];
  const spans = chart.spans.map((s) => ({
    state: s.state,
    from: Date.parse(s.from) / 1000,
    to: s.to ? Date.parse(s.to) / 1000 : last,
  }));
  el.dataset.spans = String(spans.length);

  const shade = (u) => {
    const ctx = u.ctx;
    ctx.save();
    for (const s of spans) {
      const x0 = Math.max(u.bbox.left, u.valToPos(s.from, "x", true));
      const x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(s.to, "x", true));
      if (x1 <= x0) continue;
      ctx.fillStyle = s.state === "FIRING" ? "rgba(248, 81, 73, 0.18)" : "rgba(210, 153, 34, 0.18)";
      ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
    }
    ctx.restore();
  };

  const plot = new uPlot({
    width: Math.max(320, target.clientWidth || 900),
    height: 260,
    series,
    axes: [{}, { values: (u, vals) => vals.map(fmt), size: 70 }],
    hooks: { drawClear: [shade] },
  }, data, target);
  el.dataset.points = String(chart.values.filter((v) => v != null).length);
  window.addEventListener("resize", () => plot.setSize({ width: Math.max(320, target.clientWidth), height: 260 }));
})();
