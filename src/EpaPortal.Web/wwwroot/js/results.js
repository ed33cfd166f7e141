// Results release page: "select every result" ticks or clears each result's checkbox.
(function () {
  'use strict';
  var all = document.getElementById('release-all');
  if (!all) {
    return;
  }

  var choices = Array.prototype.slice.call(document.querySelectorAll('.release-choice'));
  all.addEventListener('change', function () {
    choices.forEach(function (choice) {
      choice.checked = all.checked;
    });
  });
  choices.forEach(function (choice) {
    choice.addEventListener('change', function () {
      all.checked = choices.every(function (c) { return c.checked; });
    });
  });
})();
