// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();

// Long drop-downs (core/templatetags/govuk.py LONG_CHOICES) become GOV.UK's accessible
// autocomplete: type part of a school's or a person's name. The <select> stays in the form and
// still carries the value sent; the script is fetched only on pages that have one.
const longChoices = document.querySelectorAll('select[data-module="app-autocomplete"]');
if (longChoices.length) {
  const script = document.createElement("script");
  script.src = "/static/accessible-autocomplete/accessible-autocomplete.min.js";
  script.addEventListener("load", () => longChoices.forEach(enhance));
  document.head.append(script);
}

function enhance(select) {
  const chosen = select.options[select.selectedIndex];
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: chosen && chosen.value ? chosen.text : "",
    showAllValues: true,
    // Autoselect draws the rest of the first match in an unlabelled read-only input, which axe-core
    // (rightly) reports; without it, arrow down and Enter choose a match.
    autoselect: false,
  });
  // Emptying the box clears the choice (the library would keep the last one).
  const input = document.getElementById(select.id.replace(/-select$/, ""));
  if (input) {
    input.addEventListener("blur", () => {
      if (!input.value.trim()) select.value = "";
    });
  }
}
