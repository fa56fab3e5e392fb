// Draws `mermaid` code blocks with the Mermaid script named in the
// project's configuration, when it is loaded.
document.addEventListener("DOMContentLoaded", function () {
  if (window.mermaid) {
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    window.mermaid.initialize({ startOnLoad: false, theme: dark ? "dark" : "default" });
    window.mermaid.run({ querySelector: "pre.mermaid" });
  }
});
