// Apply the chosen theme before the page paints (light, dark, or the system's when unset).
(function () {
  try {
    var theme = localStorage.getItem("mpm-theme");
    if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  } catch (e) { /* storage may be disabled: the system theme applies */ }
})();
