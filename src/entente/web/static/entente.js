// entente's small helpers, no build step: suggestions for the state fields (from /api/suggest) and
// "copy" buttons for citations. Pages work without it.
(function () {
  "use strict";
  var list = document.getElementById("state-suggestions");
  var timer = null;
  function fill(items) {
    if (!list) return;
    list.textContent = "";
    items.forEach(function (s) {
      var option = document.createElement("option");
      option.value = s.code;
      option.label = s.name + (s.matched !== s.name && s.matched !== s.code ? " (" + s.matched + ")" : "");
      option.textContent = option.label;
      list.appendChild(option);
    });
  }
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { fill([]); return; }
      timer = setTimeout(function () {
        fetch("/api/suggest?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(fill)
          .catch(function () { fill([]); });
      }, 150);
    });
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) return;
      navigator.clipboard.writeText(source.textContent).then(function () {
        var was = button.textContent;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = was; }, 1500);
      });
    });
  });
})();
