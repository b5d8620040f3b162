// Starts GOV.UK Frontend's components (error summary focus, conditional radios, header menu...).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
