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

  // Values in the alarm's unit: 45000 ms reads "45 s", 0.1034 percent points "10.3 %".
  function fmt(v) {
    if (v == null || Number.isNaN(v)) return "—";
    const abs = Math.abs(v);
    switch (chart.unit) {
      case "milliseconds":
        if (abs >= 3600000) return (v / 3600000).toFixed(1) + " h";
        if (abs >= 60000) return (v / 60000).toFixed(1) + " min";
        if (abs >= 1000) return (v / 1000).toFixed(abs >= 10000 ? 0 : 1) + " s";
        return Math.round(v) + " ms";
      case "seconds":
        if (abs >= 3600) return (v / 3600).toFixed(1) + " h";
        if (abs >= 60) return (v / 60).toFixed(1) + " min";
        return v.toFixed(abs >= 10 ? 0 : 1) + " s";
      case "percent":
        return v.toFixed(abs >= 10 ? 0 : 1) + " %";
      case "bytes":
        if (abs >= 1048576) return (v / 1048576).toFixed(1) + " MB";
        if (abs >= 1024) return (v / 1024).toFixed(1) + " KB";
        return Math.round(v) + " B";
      default:
        return abs >= 1000 ? Math.round(v).toLocaleString("en") : String(Math.round(v * 100) / 100);
    }
  }

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
