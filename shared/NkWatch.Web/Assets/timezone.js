// Preselects the visitor's own time zone on the subscribe form, as the browser reports it.
// Without JavaScript the form still works: the zone stays UTC until the person picks one.
(function () {
  "use strict";
  var select = document.querySelector('select[data-preset="browser"]');
  if (!select || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      return;
    }
  }
})();
