// Background saving of the assessor's long forms (pre-interview notes, final judgement).
// A form marked data-autosave-url is posted there a few seconds after the assessor stops typing. The
// server answers JSON: "saved" (with the new version, which this script puts in the form so the next save
// is not taken for a stale one), "conflict" (someone saved a newer version: autosave stops and the
// assessor saves the form to see both versions side by side; nothing they typed is lost) or "invalid".
(function () {
  'use strict';

  var DELAY_MS = 4000;

  function setup(form) {
    var url = form.getAttribute('data-autosave-url');
    var status = form.querySelector('[data-save-status]');
    var version = form.querySelector('input[data-version]');
    var timer = null;
    var saving = false;
    var pending = false;
    var stopped = false;

    function show(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function save() {
      timer = null;
      if (stopped) {
        return;
      }
      if (saving) {
        pending = true;
        return;
      }
      saving = true;
      show('Saving…');
      fetch(url, {
        method: 'POST',
        body: new FormData(form),
        headers: { 'Accept': 'application/json' },
        credentials: 'same-origin'
      }).then(function (response) {
        return response.json().catch(function () { return { status: 'error' }; });
      }).then(function (result) {
        if (result.status === 'saved') {
          if (version && result.version) {
            version.value = result.version;
          }
          show('Saved automatically at ' + result.savedAt + '.');
        } else if (result.status === 'conflict') {
          stopped = true;
          show(result.message || 'Not saved: this was changed elsewhere. Save the form to compare the versions.');
        } else if (result.status === 'invalid') {
          show('Not saved automatically: ' + (result.problems || []).join(' ') + ' Save the form to see where.');
        } else {
          show('Not saved automatically. Use the Save button.');
        }
      }).catch(function () {
        show('Not saved automatically (no connection). Use the Save button.');
      }).then(function () {
        saving = false;
        if (pending && !stopped) {
          pending = false;
          schedule();
        }
      });
    }

    function schedule() {
      if (stopped) {
        return;
      }
      if (timer) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(save, DELAY_MS);
    }

    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    form.addEventListener('submit', function () {
      stopped = true;
      if (timer) {
        window.clearTimeout(timer);
      }
    });
  }

  document.querySelectorAll('form[data-autosave-url]').forEach(setup);
})();
