// Runs before the page paints: tells GOV.UK Frontend's CSS that JavaScript and
// ES modules are available, so enhanced components don't flash unstyled.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
