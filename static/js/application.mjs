// Starts GOV.UK Frontend's components (error summary focus, conditional radios, header menu...), and the service's
// own: search boxes that suggest as you type.
import { initAll } from "../govuk/govuk-frontend.min.js";
import { initAutocompletes } from "./autocomplete.mjs";

initAll();
initAutocompletes();
