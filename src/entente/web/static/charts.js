// entente: draw every chart on the page with Vega-Embed.
//
// A chart is a <script type="application/json" class="vega-spec" data-target="ID"> block holding a
// Vega-Lite spec (written by the server, entente.web.specs); it is drawn into the element with that id.
// Charts are drawn on page load and again after htmx swaps new content in (the blocs page's year
// slider). A chart that fails says so in its container instead of leaving it blank.
(function () {
  "use strict";

  var OPTIONS = {
    renderer: "svg",
    // the app's Content-Security-Policy forbids eval: Vega interprets its expressions instead of
    // compiling them with new Function (vendor/vega-interpreter.min.js, Vega's CSP-safe mode)
    ast: true,
    // export as SVG or PNG and view the spec; no "open in the Vega editor" (it would leave the site)
    actions: { export: { svg: true, png: true }, source: true, compiled: false, editor: false },
    tooltip: true,
  };

  function drawOne(block) {
    var target = document.getElementById(block.getAttribute("data-target"));
    if (!target || block.getAttribute("data-drawn") === "1") return;
    block.setAttribute("data-drawn", "1");
    var spec;
    try {
      spec = JSON.parse(block.textContent);
    } catch (err) {
      target.textContent = "This chart could not be read (" + err.message + ").";
      return;
    }
    window.vegaEmbed(target, spec, OPTIONS).then(function () {
      target.setAttribute("data-rendered", "1");
    }).catch(function (err) {
      target.textContent = "This chart could not be drawn (" + err.message + ").";
    });
  }

  function drawAll(root) {
    if (typeof window.vegaEmbed !== "function") return;
    if (window.vega && window.vega.expressionInterpreter) OPTIONS.expr = window.vega.expressionInterpreter;
    var blocks = (root || document).querySelectorAll('script[type="application/json"].vega-spec');
    for (var i = 0; i < blocks.length; i++) drawOne(blocks[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
  // htmx 1.x: fired on every element it swaps in (and on the body once it starts)
  document.addEventListener("htmx:load", function (event) { drawAll(event.target); });
})();
