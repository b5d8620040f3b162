// Turns each search box marked data-module="app-autocomplete" into the GOV.UK accessible autocomplete
// (alphagov/accessible-autocomplete), suggesting from data-source (JSON: {results: [{code, name, hint}]}).
// Choosing a suggestion puts its code in the hidden field data-code-field; typing again clears it, so the form
// falls back to its search results. Without JavaScript the plain search box works on its own.

function loadLibrary(url) {
  if (window.accessibleAutocomplete) return Promise.resolve(window.accessibleAutocomplete);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => resolve(window.accessibleAutocomplete);
    script.onerror = reject;
    document.head.appendChild(script);
  });
}

function enhance(accessibleAutocomplete, input) {
  const codeField = document.getElementById(input.dataset.codeField);
  const container = document.createElement("div");
  input.parentNode.insertBefore(container, input);
  let chosen = null;
  // Answers can arrive out of order (a slow one for fewer letters after a quick one for more): only the answer to
  // the latest query is shown, or the suggestions would change under the person choosing among them.
  let latestQuery = 0;
  accessibleAutocomplete({
    element: container,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    minLength: 2,
    showNoOptionsFound: true,
    tNoResults: () => "No accredited provider found",
    source: (query, populate) => {
      const thisQuery = ++latestQuery;
      const show = (results) => {
        if (thisQuery === latestQuery) populate(results);
      };
      fetch(`${input.dataset.source}?q=${encodeURIComponent(query)}`, { headers: { Accept: "application/json" } })
        .then((response) => response.json())
        .then((data) => show(data.results))
        .catch(() => show([]));
    },
    templates: {
      inputValue: (result) => (result ? result.name : ""),
      suggestion: (result) => (typeof result === "string" ? result : `${result.name} (${result.hint})`),
    },
    onConfirm: (result) => {
      if (!result) return;
      chosen = result;
      if (codeField) codeField.value = result.code;
    },
  });
  const enhanced = container.querySelector("input");
  // The new input carries the original's hint and error, read out with it.
  for (const attribute of ["aria-describedby", "spellcheck"]) {
    if (input.hasAttribute(attribute)) enhanced.setAttribute(attribute, input.getAttribute(attribute));
  }
  if (input.classList.contains("govuk-input--error")) enhanced.classList.add("govuk-input--error");
  input.remove();
  enhanced.addEventListener("input", () => {
    if (codeField && (!chosen || enhanced.value !== chosen.name)) codeField.value = "";
  });
}

export function initAutocompletes() {
  const inputs = document.querySelectorAll('[data-module="app-autocomplete"]');
  if (!inputs.length) return;
  loadLibrary(inputs[0].dataset.library).then((accessibleAutocomplete) => {
    inputs.forEach((input) => enhance(accessibleAutocomplete, input));
  });
}
