// Evidence upload: drag and drop or file picker, a details form per file, and one request per file so
// each has its own progress bar (XMLHttpRequest upload progress). Without this script the page's plain
// form still works: the shared details apply to every chosen file. Forms marked data-details="false"
// (project deliverables) upload files without details.
(function () {
  'use strict';

  var form = document.getElementById('evidence-upload');
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }

  var input = document.getElementById('evidence-files');
  var dropzone = document.getElementById('evidence-dropzone');
  var queue = document.getElementById('evidence-queue');
  var shared = document.getElementById('shared-details');
  var submit = document.getElementById('evidence-submit');
  var token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  var maxBytes = parseInt(form.getAttribute('data-max-bytes') || '0', 10);
  var withDetails = form.getAttribute('data-details') !== 'false';
  var returnUrl = form.getAttribute('data-return') || '/apprentice/portfolio';
  var counter = 0;
  var pending = [];
  // Day, Month and Year with the width of each (2, 2 and 4 digits), as the date input tag helper draws them.
  var DATE_PARTS = [['Day', 2], ['Month', 2], ['Year', 4]];

  if (shared) {
    shared.hidden = true;
  }
  form.querySelectorAll('.js-only').forEach(function (el) { el.hidden = false; });
  dropzone.classList.add('evidence-dropzone-active');
  submit.textContent = 'Upload all';

  function sharedValue(name) {
    var field = form.querySelector('[name="Details.' + name + '"]');
    return field ? field.value : '';
  }

  // The shared date of the work as typed into its Day, Month and Year fields (the GOV.UK date input).
  function sharedDate(name) {
    var parts = {};
    DATE_PARTS.forEach(function (part) {
      parts[part[0]] = sharedValue(name + '.' + part[0]);
    });
    return parts;
  }

  function lastDate(name) {
    for (var i = pending.length - 1; i >= 0; i--) {
      var f = pending[i].fields[name];
      if (f && f.value) {
        return f.parts();
      }
    }
    return sharedDate(name);
  }

  function lastValue(name) {
    for (var i = pending.length - 1; i >= 0; i--) {
      var value = pending[i].fields[name] ? pending[i].fields[name].value : '';
      if (value) {
        return value;
      }
    }
    return sharedValue(name);
  }

  function stem(name) {
    var dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  function sizeText(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text) {
      el.textContent = text;
    }
    return el;
  }

  function field(card, id, name, label, type, value) {
    var wrapper = element('div', 'mb-2');
    var fieldId = 'file-' + id + '-' + name;
    var labelEl = element('label', 'form-label', label);
    labelEl.htmlFor = fieldId;
    var control = element(type === 'textarea' ? 'textarea' : 'input', 'form-control');
    if (type === 'textarea') {
      control.rows = 2;
      control.maxLength = 2000;
    } else {
      control.type = type;
      control.maxLength = 200;
    }
    control.id = fieldId;
    control.value = value || '';
    control.required = true;
    var error = element('span', 'text-danger small d-block');
    error.id = fieldId + '-error';
    control.setAttribute('aria-describedby', error.id);
    wrapper.appendChild(labelEl);
    wrapper.appendChild(control);
    wrapper.appendChild(error);
    card.appendChild(wrapper);
    return { control: control, error: error, get value() { return control.value.trim(); } };
  }

  // A date as three labelled fields in a fieldset (never the browser's date picker, which a US-locale browser
  // shows as mm/dd/yyyy); sent as Details.<name>.Day, .Month and .Year.
  function dateField(card, id, name, legend, values) {
    var fieldset = element('fieldset', 'date-input mb-2');
    var fieldId = 'file-' + id + '-' + name;
    var error = element('span', 'text-danger small d-block');
    error.id = fieldId + '-error';
    fieldset.setAttribute('aria-describedby', error.id);
    fieldset.appendChild(element('legend', 'date-input__legend', legend));
    fieldset.appendChild(error);
    var items = element('div', 'date-input__items');
    var controls = {};
    DATE_PARTS.forEach(function (part) {
      var item = element('div', 'date-input__item');
      var partId = part[0] === 'Day' ? fieldId : fieldId + '-' + part[0];
      var labelEl = element('label', 'form-label date-input__label', part[0]);
      labelEl.htmlFor = partId;
      var control = element('input', 'form-control date-input__input date-input__input--' + part[1]);
      control.type = 'text';
      control.inputMode = 'numeric';
      control.id = partId;
      control.value = values[part[0]] || '';
      control.required = true;
      item.appendChild(labelEl);
      item.appendChild(control);
      items.appendChild(item);
      controls[part[0]] = control;
    });
    fieldset.appendChild(items);
    card.appendChild(fieldset);
    return {
      control: controls.Day,
      controls: DATE_PARTS.map(function (part) { return controls[part[0]]; }),
      error: error,
      date: true,
      parts: function () {
        var parts = {};
        DATE_PARTS.forEach(function (part) { parts[part[0]] = controls[part[0]].value.trim(); });
        return parts;
      },
      get value() {
        return DATE_PARTS.every(function (part) { return controls[part[0]].value.trim() !== ''; }) ? 'set' : '';
      }
    };
  }

  function add(file) {
    var id = ++counter;
    var card = element('li', 'card card-body mb-3 evidence-file');
    var heading = element('h2', 'h6 mb-2', file.name + ' (' + sizeText(file.size) + ')');
    card.appendChild(heading);
    var entry = { file: file, card: card, done: false, fields: {} };
    if (withDetails) {
      entry.fields.Title = field(card, id, 'Title', 'Title', 'text', stem(file.name));
      entry.fields.Description = field(card, id, 'Description', 'Short description of the work', 'textarea', lastValue('Description'));
      entry.fields.ProjectName = field(card, id, 'ProjectName', 'The real work project it came from', 'text', lastValue('ProjectName'));
      entry.fields.WorkDate = dateField(card, id, 'WorkDate', 'Date of the work', lastDate('WorkDate'));
    }

    var progressLabel = element('label', 'form-label small mb-0', 'Upload progress');
    progressLabel.htmlFor = 'file-' + id + '-progress';
    entry.progress = element('progress', 'w-100 evidence-progress');
    entry.progress.id = 'file-' + id + '-progress';
    entry.progress.max = 100;
    entry.progress.value = 0;
    entry.status = element('p', 'mb-0 mt-2 evidence-status');
    entry.status.setAttribute('role', 'status');
    entry.remove = element('button', 'btn btn-link btn-sm p-0 align-self-start', 'Remove ' + file.name + ' from the list');
    entry.remove.type = 'button';
    entry.remove.addEventListener('click', function () {
      pending.splice(pending.indexOf(entry), 1);
      card.remove();
    });
    card.appendChild(progressLabel);
    card.appendChild(entry.progress);
    card.appendChild(entry.status);
    card.appendChild(entry.remove);
    if (maxBytes > 0 && file.size > maxBytes) {
      entry.status.textContent = file.name + ' is larger than the limit per file; it will be refused.';
      entry.status.className = 'mb-0 mt-2 text-danger';
    }
    pending.push(entry);
    queue.appendChild(card);
  }

  function addAll(files) {
    for (var i = 0; i < files.length; i++) {
      add(files[i]);
    }
  }

  input.addEventListener('change', function () {
    addAll(input.files);
    input.value = '';
  });

  ['dragenter', 'dragover'].forEach(function (type) {
    dropzone.addEventListener(type, function (event) {
      event.preventDefault();
      dropzone.classList.add('evidence-dropzone-over');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    dropzone.addEventListener(type, function () {
      dropzone.classList.remove('evidence-dropzone-over');
    });
  });
  dropzone.addEventListener('drop', function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files) {
      addAll(event.dataTransfer.files);
    }
  });

  function validate(entry) {
    var ok = true;
    ['Description', 'ProjectName', 'WorkDate'].forEach(function (name) {
      var f = entry.fields[name];
      if (!f) {
        return;
      }
      f.error.textContent = f.value ? '' : 'Enter this for ' + entry.file.name + '.';
      (f.controls || [f.control]).forEach(function (control) {
        control.classList.toggle('input-validation-error', !f.value);
      });
      ok = ok && !!f.value;
    });
    return ok;
  }

  function send(entry) {
    return new Promise(function (resolve) {
      var data = new FormData();
      Object.keys(entry.fields).forEach(function (name) {
        var f = entry.fields[name];
        if (f.date) {
          var parts = f.parts();
          Object.keys(parts).forEach(function (part) {
            data.append('Details.' + name + '.' + part, parts[part]);
          });
        } else {
          data.append('Details.' + name, f.value);
        }
      });
      data.append('files', entry.file, entry.file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('RequestVerificationToken', token);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) {
          entry.progress.value = Math.round((event.loaded / event.total) * 100);
        }
      });
      xhr.addEventListener('load', function () {
        var outcome = null;
        try {
          var body = JSON.parse(xhr.responseText);
          outcome = body.files && body.files.length ? body.files[0] : { accepted: false, message: body.problem || 'The upload failed.' };
        } catch (e) {
          outcome = { accepted: false, message: entry.file.name + ' was not uploaded (the server answered ' + xhr.status + ').' };
        }
        resolve(outcome);
      });
      xhr.addEventListener('error', function () {
        resolve({ accepted: false, message: entry.file.name + ' was not uploaded: the connection failed. Try again.' });
      });
      xhr.send(data);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var toSend = pending.filter(function (entry) { return !entry.done; });
    if (toSend.length === 0) {
      input.focus();
      return;
    }
    if (!toSend.every(validate)) {
      return;
    }
    submit.disabled = true;
    toSend.reduce(function (chain, entry) {
      return chain.then(function () {
        entry.remove.hidden = true;
        entry.status.textContent = 'Uploading ' + entry.file.name + '…';
        entry.status.className = 'mb-0 mt-2 evidence-status';
        return send(entry).then(function (outcome) {
          entry.status.textContent = outcome.message;
          entry.status.className = 'mb-0 mt-2 ' + (outcome.accepted ? 'text-success' : 'text-danger');
          if (outcome.accepted) {
            entry.done = true;
            entry.progress.value = 100;
            Object.keys(entry.fields).forEach(function (name) { entry.fields[name].control.disabled = true; });
            if (outcome.url && withDetails) {
              var link = element('a', 'ms-2', 'Map it to the competencies it shows');
              link.href = outcome.url;
              entry.status.appendChild(link);
            }
          } else {
            entry.remove.hidden = false;
            entry.progress.value = 0;
          }
        });
      });
    }, Promise.resolve()).then(function () {
      submit.disabled = false;
      var done = pending.filter(function (entry) { return entry.done; }).length;
      var summary = document.getElementById('evidence-summary') || element('p', 'alert alert-info');
      summary.id = 'evidence-summary';
      summary.setAttribute('role', 'status');
      summary.textContent = done + ' of ' + pending.length + (pending.length === 1 ? ' file' : ' files') + ' uploaded. ';
      var back = element('a', 'alert-link', withDetails ? 'Go to my portfolio' : 'Refresh the list of deliverables');
      back.href = returnUrl;
      summary.appendChild(back);
      form.appendChild(summary);
    });
  });
}());
