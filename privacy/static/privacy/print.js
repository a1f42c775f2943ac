document.querySelectorAll("[data-privacy-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
