// The "waiting for you" count in the header (issue 25, item 5; ADR 0031) and the read marker of a case's messages.
// The count is fetched after the page has loaded (one small JSON request), so no page's own queries pay for it; the
// badge carries visually hidden words ("3 unread messages") for screen readers. On a case's messages page, the form
// that marks the shown messages read is posted in the background (without script, its button does the same).
(function () {
  'use strict';

  function words(count) {
    return count === 1 ? '1 unread message' : count + ' unread messages';
  }

  function show(count) {
    var badge = document.getElementById('unread-badge');
    var number = document.getElementById('unread-count');
    var text = document.getElementById('unread-text');
    if (!badge || !number || !text) {
      return;
    }
    if (count > 0) {
      number.textContent = count > 99 ? '99+' : String(count);
      number.setAttribute('aria-hidden', 'true');
      text.textContent = ' ' + words(count);
      badge.hidden = false;
    } else {
      badge.hidden = true;
      number.textContent = '';
      text.textContent = '';
    }
  }

  function fetchCount() {
    var link = document.getElementById('messages-link');
    var url = link && link.getAttribute('data-unread-url');
    if (!url) {
      return;
    }
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) {
        if (result && typeof result.unread === 'number') {
          show(result.unread);
        }
      })
      .catch(function () { /* the count is a convenience: the Messages page always has it */ });
  }

  function markRead() {
    var form = document.querySelector('form[data-mark-read]');
    if (!form) {
      fetchCount();
      return;
    }
    fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      headers: { 'Accept': 'application/json' },
      credentials: 'same-origin'
    }).then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) {
        if (result && typeof result.unread === 'number') {
          show(result.unread);
          form.hidden = true;
        } else {
          fetchCount();
        }
      })
      .catch(fetchCount);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', markRead);
  } else {
    markRead();
  }
}());
