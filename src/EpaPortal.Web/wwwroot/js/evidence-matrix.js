// The citation matrix (Features/Shared/_EvidenceMatrix.cshtml) on the notes and judgement pages.
// "Cite for every competency" (a section marked data-evidence-everywhere, hidden until this script runs): each
// of its tick boxes ticks or unticks one piece of evidence in every competency's matrix, and shows whether it
// is cited everywhere (ticked), nowhere (clear) or in some (mixed). Those tick boxes have no name, so only the
// matrix's own boxes are posted; the form's change event lets the background save notice.
(function () {
  'use strict';

  function citations(form, reference) {
    return Array.prototype.filter.call(
      form.querySelectorAll('fieldset.evidence-matrix input[type=checkbox]'),
      function (box) { return box.value === reference && /\.EvidenceRefs$/.test(box.name); });
  }

  function setup(section) {
    var form = section.closest('form');
    if (!form) {
      return;
    }
    var toggles = Array.prototype.slice.call(section.querySelectorAll('input[data-cite-everywhere]'));

    function refresh() {
      toggles.forEach(function (toggle) {
        var boxes = citations(form, toggle.getAttribute('data-cite-everywhere'));
        var ticked = boxes.filter(function (box) { return box.checked; }).length;
        toggle.checked = boxes.length > 0 && ticked === boxes.length;
        toggle.indeterminate = ticked > 0 && ticked < boxes.length;
      });
    }

    toggles.forEach(function (toggle) {
      toggle.addEventListener('change', function () {
        citations(form, toggle.getAttribute('data-cite-everywhere')).forEach(function (box) {
          box.checked = toggle.checked;
        });
        toggle.indeterminate = false;
      });
    });
    form.addEventListener('change', function (event) {
      if (event.target && !event.target.hasAttribute('data-cite-everywhere')) {
        refresh();
      }
    });

    refresh();
    section.hidden = false;
  }

  document.querySelectorAll('[data-evidence-everywhere]').forEach(setup);
})();
