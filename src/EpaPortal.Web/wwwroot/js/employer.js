// Client-side checks for the employer's forms, matching the server's validators.
// A declaration checkbox must be ticked: the server checks the same rule with the same message
// (data-val-mustbetrue carries it), so the browser only saves a round trip.
(function ($) {
  'use strict';
  if (!$ || !$.validator || !$.validator.unobtrusive) {
    return;
  }

  $.validator.addMethod('mustbetrue', function (value, element) {
    return element.checked;
  });
  $.validator.unobtrusive.adapters.addBool('mustbetrue');
})(window.jQuery);
