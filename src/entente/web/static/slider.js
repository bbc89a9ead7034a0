// entente: a year slider shows the year it points at while it moves (<input type=range data-shows=ID>).
// The form around it is sent on change: by htmx when it is loaded (hx-get), else as a plain GET.
(function () {
  "use strict";
  function bind(root) {
    var sliders = (root || document).querySelectorAll("input[type=range][data-shows]");
    for (var i = 0; i < sliders.length; i++) {
      var slider = sliders[i];
      if (slider.getAttribute("data-bound") === "1") continue;
      slider.setAttribute("data-bound", "1");
      slider.addEventListener("input", function (event) {
        var out = document.getElementById(event.target.getAttribute("data-shows"));
        if (out) out.textContent = event.target.value;
      });
      if (!window.htmx) {
        slider.addEventListener("change", function (event) { event.target.form.submit(); });
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { bind(document); });
  } else {
    bind(document);
  }
  document.addEventListener("htmx:load", function (event) { bind(event.target); });
})();
