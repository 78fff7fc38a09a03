// Numbers in their unit, for axes, legends and tooltips: 45000 ms reads "45 s", 10.34 % reads "10.3 %",
// 12345 records/s reads "12,345 records/s". Units are a chart's ("ms", "%", "records/s") or an alarm's
// ("milliseconds", "seconds", "percent", "count", "count/second", "bytes", "none").
(function () {
  "use strict";
  function round(v, digits) {
    const abs = Math.abs(v);
    if (abs >= 1000) return Math.round(v).toLocaleString("en");
    if (abs >= 100 || Number.isInteger(v)) return String(Math.round(v));
    return v.toFixed(abs >= 10 ? 1 : digits);
  }
  function duration(ms) {
    const abs = Math.abs(ms);
    if (abs >= 86400000) return round(ms / 86400000, 1) + " d";
    if (abs >= 3600000) return round(ms / 3600000, 1) + " h";
    if (abs >= 60000) return round(ms / 60000, 1) + " min";
    if (abs >= 1000) return round(ms / 1000, 1) + " s";
    return round(ms, 0) + " ms";
  }
  function bytes(b) {
    const abs = Math.abs(b);
    if (abs >= 1073741824) return round(b / 1073741824, 1) + " GB";
    if (abs >= 1048576) return round(b / 1048576, 1) + " MB";
    if (abs >= 1024) return round(b / 1024, 1) + " KB";
    return round(b, 0) + " B";
  }
  function format(v, unit) {
    if (v == null || Number.isNaN(v)) return "—";
    switch (unit) {
      case "ms": case "milliseconds": return duration(v);
      case "s": case "seconds": return duration(v * 1000);
      case "%": case "percent": return round(v, 2) + " %";
      case "bytes": return bytes(v);
      case "count": case "none": case undefined: case null: case "": return round(v, 2);
      case "count/second": return round(v, 2) + "/s";
      default: return round(v, 2) + " " + unit;
    }
  }
  window.PipewatchUnits = { format };
})();
