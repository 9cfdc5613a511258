// mpm pages: the CSRF token on htmx requests, the theme toggle, forms that submit on change,
// and charts (Vega-Lite specs from <script type="application/json"> blocks, drawn by the
// vega-embed bundle shipped with mpm; expressions are interpreted, so no eval is needed).
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) event.detail.headers["X-CSRF-Token"] = token;
  });

  function darkNow() {
    var set = document.documentElement.dataset.theme;
    if (set) return set === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function setupTheme() {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    button.setAttribute("aria-pressed", darkNow() ? "true" : "false");
    button.addEventListener("click", function () {
      var next = darkNow() ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      try { localStorage.setItem("mpm-theme", next); } catch (e) { /* not kept */ }
      button.setAttribute("aria-pressed", next === "dark" ? "true" : "false");
      drawCharts(document, true);
    });
  }

  function setupAutoSubmit(root) {
    root.querySelectorAll("select.auto-submit, input.auto-submit").forEach(function (el) {
      if (el.dataset.bound) return;
      el.dataset.bound = "1";
      el.addEventListener("change", function () {
        if (el.form) el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
      });
    });
  }

  function isNarrow(el) { return el.clientWidth < 560; }

  function adapted(spec, el) {
    var narrow = isNarrow(el);
    el.dataset.narrow = narrow ? "1" : "0";
    if (!darkNow() && !narrow) return spec;
    var copy = JSON.parse(JSON.stringify(spec));
    var config = copy.config || (copy.config = {});
    if (narrow) {
      config.legend = Object.assign({}, config.legend, { orient: "bottom", columns: 2 });
      config.axisY = Object.assign({}, config.axisY, { labelLimit: 110 });
    }
    if (!darkNow()) return copy;
    config.background = null;
    config.axis = Object.assign({}, config.axis, {
      labelColor: "#c6cdd8", titleColor: "#c6cdd8", gridColor: "#313b4a", domainColor: "#5d6879", tickColor: "#5d6879"
    });
    config.legend = Object.assign({}, config.legend, { labelColor: "#c6cdd8", titleColor: "#c6cdd8" });
    config.title = Object.assign({}, config.title, { color: "#e6eaf0", subtitleColor: "#a5afbe" });
    config.view = Object.assign({}, config.view, { stroke: "#313b4a" });
    return copy;
  }

  var views = new WeakMap();

  function drawCharts(root, redraw) {
    if (typeof window.vegaEmbed !== "function") return;
    root.querySelectorAll(".chart[data-spec]").forEach(function (el) {
      if (views.has(el) && !redraw) return;
      drawOne(el);
    });
  }

  function drawOne(el) {
    var source = document.getElementById(el.dataset.spec);
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    if (!spec.description) spec.description = el.getAttribute("aria-label") || undefined;
    var previous = views.get(el);
    if (previous) previous.finalize();
    delete el.dataset.drawn;
    window.vegaEmbed(el, adapted(spec, el), {
      ast: true,
      renderer: "svg",
      defaultStyle: false,
      forceActionsMenu: true,
      tooltip: { theme: "custom", disableDefaultStyle: true },
      actions: { export: true, source: false, compiled: false, editor: false },
      i18n: { PNG_ACTION: "Download PNG", SVG_ACTION: "Download SVG" },
      downloadFileName: el.dataset.filename || "mpm-chart"
    }).then(function (result) {
      views.set(el, result.view);
      var summary = el.querySelector("summary");
      if (summary) summary.setAttribute("aria-label", "Download the chart");
      el.dataset.drawn = "1";
    }).catch(function (error) {
      el.textContent = "This chart could not be drawn: " + error.message;
      el.classList.add("chart-error");
    });
  }

  function ready(root) {
    setupAutoSubmit(root);
    drawCharts(root, false);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupTheme();
    ready(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) { ready(event.target); });

  // a phone turned sideways, a window made narrow: redraw the charts whose layout changes
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      document.querySelectorAll(".chart[data-narrow]").forEach(function (el) {
        if ((el.dataset.narrow === "1") !== isNarrow(el)) drawOne(el);
      });
    }, 150);
  });
})();
