// The slice viewer of the analysis page (services/imaging/views): scrolls through the slices of
// each plane without reloading the page. Without this script the page's own links do the same,
// one slice per request.
"use strict";

(function () {
  function imageUrl(plane, index, windowName) {
    return "view/" + plane + "/" + index + ".png?window=" + encodeURIComponent(windowName);
  }

  function show(figure, index) {
    var first = Number(figure.dataset.first), last = Number(figure.dataset.last);
    index = Math.min(Math.max(index, first), last);
    figure.dataset.index = String(index);
    var img = figure.querySelector("img");
    img.src = imageUrl(figure.dataset.plane, index, figure.dataset.window);
    img.alt = img.alt.replace(/slice \d+/, "slice " + index).replace(/, [a-z-]+ window/, ", " + figure.dataset.window + " window");
    figure.querySelector("output.index").textContent = String(index);
    figure.querySelectorAll(".previous, .next").forEach(function (step) {
      var at = step.classList.contains("previous") ? first : last;
      step.classList.toggle("disabled", index === at);
    });
  }

  function step(figure, delta) {
    show(figure, Number(figure.dataset.index) + delta);
  }

  document.querySelectorAll("figure.plane").forEach(function (figure) {
    figure.tabIndex = 0;
    figure.addEventListener("wheel", function (event) {
      event.preventDefault();
      step(figure, event.deltaY > 0 ? 1 : -1);
    }, { passive: false });
    figure.addEventListener("keydown", function (event) {
      var delta = { ArrowUp: -1, ArrowLeft: -1, PageUp: -5, ArrowDown: 1, ArrowRight: 1, PageDown: 5 }[event.key];
      if (delta) {
        event.preventDefault();
        step(figure, delta);
      }
    });
    figure.querySelectorAll(".previous, .next").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (!link.classList.contains("disabled")) {
          step(figure, link.classList.contains("previous") ? -1 : 1);
        }
      });
    });
  });

  document.querySelectorAll("a.window-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var chosen = link.dataset.window;
      document.querySelectorAll("figure.plane").forEach(function (figure) {
        figure.dataset.window = chosen;
        show(figure, Number(figure.dataset.index));
      });
      document.querySelectorAll("nav.windows a, nav.windows strong").forEach(function (other) {
        other.classList.toggle("current", other === link);
      });
    });
  });
})();
