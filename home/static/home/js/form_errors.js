// Moves focus to a form's error summary (templates/includes/form_errors.html) when
// the page loads, so keyboard and screen reader users hear what went wrong first.
// A link in the summary moves focus to its field, not just the scroll position.
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary || summary.dataset.errorSummaryReady) return;
  summary.dataset.errorSummaryReady = "true";
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#"]');
    const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
})();
