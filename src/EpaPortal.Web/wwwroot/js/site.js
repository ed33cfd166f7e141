// Portal-wide behaviour. No inline scripts anywhere: the Content-Security-Policy forbids them.

// The error summary (the GOV.UK pattern, Features/Shared/_ValidationSummary.cshtml): focus moves to it when a
// page opens with problems; each link takes the user to its field (focused, its label in view); a link whose
// field is not on the page becomes plain text. When the browser's own checks stop a form, the same summary is
// built from them.
(function () {
  'use strict';

  function fieldFor(link) {
    var id = decodeURIComponent((link.getAttribute('href') || '').slice(1));
    return id ? document.getElementById(id) : null;
  }

  function wire(summary) {
    summary.querySelectorAll('a[href^="#"]').forEach(function (link) {
      var field = fieldFor(link);
      if (!field) {
        link.replaceWith(document.createTextNode(link.textContent));
        return;
      }
      link.addEventListener('click', function (event) {
        event.preventDefault();
        var label = document.querySelector('label[for="' + field.id + '"]');
        (label || field).scrollIntoView({ block: 'center' });
        field.focus({ preventScroll: true });
      });
    });
  }

  function clientSummary(form, errors) {
    var summary = document.getElementById('problems');
    if (!summary) {
      summary = document.createElement('div');
      summary.className = 'alert alert-danger error-summary';
      summary.id = 'problems';
      summary.setAttribute('role', 'alert');
      summary.setAttribute('tabindex', '-1');
      form.insertBefore(summary, form.firstChild);
    }
    summary.replaceChildren();
    var title = document.createElement('h2');
    title.className = 'h6';
    title.textContent = 'There is a problem';
    var list = document.createElement('ul');
    list.className = 'validation-summary-errors mb-0';
    errors.forEach(function (error) {
      var item = document.createElement('li');
      if (error.element && error.element.id) {
        var link = document.createElement('a');
        link.href = '#' + error.element.id;
        link.className = 'alert-link fw-normal';
        link.textContent = error.message;
        item.appendChild(link);
      } else {
        item.textContent = error.message;
      }
      list.appendChild(item);
    });
    summary.append(title, list);
    wire(summary);
    summary.focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.getElementById('problems');
    if (summary) {
      wire(summary);
      summary.focus();
    }
    if (window.jQuery) {
      window.jQuery(document).on('invalid-form.validate', 'form', function (event, validator) {
        if (validator && validator.errorList && validator.errorList.length > 0) {
          clientSummary(event.target, validator.errorList);
        }
      });
    }
  });
})();

// Lists on a phone (issue 25, item 3): every table of the main content with a header row gets its column
// headings as each cell's data-label; under 600 px site.css shows each row as a stacked block ("Employer: Acme")
// instead of a table wider than the screen. A table marked data-no-stack keeps its columns (and scrolls in its
// own box): one whose header row holds a control, such as "select every result".
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('main table.table').forEach(function (table) {
      if (table.hasAttribute('data-no-stack') || !table.tHead || table.tHead.rows.length === 0) {
        return;
      }
      var header = table.tHead.rows[table.tHead.rows.length - 1];
      if (header.querySelector('input, select, button')) {
        return;
      }
      // A heading's words without its sort arrow (hidden from screen readers, so left out here too).
      var headings = Array.prototype.map.call(header.cells, function (cell) {
        var copy = cell.cloneNode(true);
        copy.querySelectorAll('[aria-hidden="true"]').forEach(function (hidden) { hidden.remove(); });
        return copy.textContent.trim();
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (headings[column] && !cell.hasAttribute('data-label')) {
              cell.setAttribute('data-label', headings[column]);
            }
            column += cell.colSpan || 1;
          });
        });
      });
      table.classList.add('table-stack');
    });
  });
})();
