// Search-as-you-type for the company directory. Progressive enhancement only:
// without this file the form submits and the server renders the same results.
(() => {
  const form = document.querySelector("[data-directory-search]");
  const results = document.getElementById("directory-results");
  if (!form || !results || !window.fetch) return;
  const input = form.querySelector('input[name="q"]');
  const datalist = document.getElementById("directory-suggestions");
  const suggestUrl = form.dataset.suggestUrl;
  let timer = null;
  let controller = null;

  const params = () => {
    const data = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...data.entries()]) if (!value) data.delete(key);
    return data;
  };

  const refresh = async () => {
    if (controller) controller.abort();
    controller = new AbortController();
    const query = params();
    const partial = new URLSearchParams(query);
    partial.set("partial", "1");
    try {
      const response = await fetch(`${form.action}?${partial}`, { signal: controller.signal });
      if (!response.ok) return;
      results.innerHTML = await response.text();
      const qs = query.toString();
      window.history.replaceState(null, "", qs ? `${form.action}?${qs}` : form.action);
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  };

  const suggest = async () => {
    if (!datalist || !suggestUrl) return;
    const text = input.value.trim();
    if (text.length < 2) return;
    const response = await fetch(`${suggestUrl}?${new URLSearchParams({ q: text })}`);
    if (!response.ok) return;
    const { suggestions } = await response.json();
    datalist.replaceChildren(
      ...suggestions.map((name) => Object.assign(document.createElement("option"), { value: name })),
    );
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      refresh();
      suggest();
    }, 250);
  });
  form.querySelectorAll("select").forEach((select) => select.addEventListener("change", refresh));
})();
