// Sends the page's CSRF token with every htmx request (the pages allow no inline script: CSP script-src 'self').
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.getAttribute('content')] = token.getAttribute('content');
  }
});

// The compose page's photos: each chosen or dropped file is uploaded on its own to /compose/media, whose answer is the
// photo's fragment (thumbnail, alt text, buttons) or the refusal shown next to the picker. The fields are named by
// position (mediaIds[0], mediaAlts[0]) so the form sends them in the order shown; moving a photo renumbers them.
// Any change (a photo added, moved or removed, alt text typed) asks the rules again through the box's htmx check.
(function () {
  function changed(box) {
    box.dispatchEvent(new Event('media-changed'));
  }

  function renumber(list) {
    var items = list.querySelectorAll('.media-item');
    items.forEach(function (item, i) {
      item.querySelector('.media-id').name = 'mediaIds[' + i + ']';
      item.querySelector('.media-alt').name = 'mediaAlts[' + i + ']';
      var position = item.querySelector('.media-position');
      position.textContent = position.textContent.replace(/\d+/, String(i + 1));
    });
  }

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = {};
    if (token && header) {
      headers[header.getAttribute('content')] = token.getAttribute('content');
    }
    return headers;
  }

  function upload(box, list, errors, files) {
    var max = parseInt(box.dataset.max, 10);
    errors.textContent = '';
    Array.prototype.reduce.call(files, function (previous, file) {
      return previous.then(function () {
        if (list.querySelectorAll('.media-item').length >= max) {
          errors.innerHTML = '<p class="error" role="alert"></p>';
          errors.firstChild.textContent = box.dataset.tooMany;
          return;
        }
        var body = new FormData();
        body.append('file', file);
        return fetch(box.dataset.uploadUrl, { method: 'POST', body: body, headers: csrfHeaders(),
                                              credentials: 'same-origin' })
          .then(function (response) {
            return response.text().then(function (html) {
              if (response.ok) {
                list.insertAdjacentHTML('beforeend', html);
                renumber(list);
                changed(box);
              } else if (html.indexOf('class="error"') >= 0 && html.length < 2000) {
                errors.insertAdjacentHTML('beforeend', html);
              } else {
                errors.insertAdjacentHTML('beforeend', '<p class="error" role="alert"></p>');
                errors.lastChild.textContent = box.dataset.failed + ' (' + file.name + ')';
              }
            });
          });
      });
    }, Promise.resolve());
  }

  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('media');
    if (!box) {
      return;
    }
    var list = document.getElementById('media-list');
    var errors = document.getElementById('media-errors');
    var input = document.getElementById('mediaFiles');
    input.addEventListener('change', function () {
      upload(box, list, errors, input.files);
      input.value = '';
    });
    box.addEventListener('dragover', function (event) {
      event.preventDefault();
      box.classList.add('dropping');
    });
    box.addEventListener('dragleave', function () {
      box.classList.remove('dropping');
    });
    box.addEventListener('drop', function (event) {
      event.preventDefault();
      box.classList.remove('dropping');
      upload(box, list, errors, event.dataTransfer.files);
    });
    list.addEventListener('click', function (event) {
      var item = event.target.closest('.media-item');
      if (!item) {
        return;
      }
      if (event.target.classList.contains('media-up') && item.previousElementSibling) {
        list.insertBefore(item, item.previousElementSibling);
      } else if (event.target.classList.contains('media-down') && item.nextElementSibling) {
        list.insertBefore(item.nextElementSibling, item);
      } else if (event.target.classList.contains('media-remove')) {
        item.remove();
        input.focus();
      } else {
        return;
      }
      renumber(list);
      changed(box);
      if (item.isConnected) {
        event.target.focus();
      }
    });
    list.addEventListener('input', function () {
      changed(box);
    });
  });
})();
