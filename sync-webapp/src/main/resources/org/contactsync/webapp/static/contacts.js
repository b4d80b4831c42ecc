/*
 * The contacts page: search the local copy by name or phone number. Data only goes in with textContent.
 */
(function () {
  'use strict';

  var app = document.getElementById('app');
  if (!app) { return; }
  var ctx = app.getAttribute('data-ctx') || '';
  var PAGE = 25;

  function $(id) { return document.getElementById(id); }

  var query = '';
  var offset = 0;
  var requestNo = 0;
  var debounce = null;

  var TYPE_LABELS = { mobile: 'Mobile', work: 'Work', home: 'Home', main: 'Main', other: 'Other' };

  function showError(message, detail) {
    $('contacts-error-text').textContent = message;
    var det = $('contacts-error-details');
    det.hidden = !detail;
    $('contacts-error-detail').textContent = detail || '';
    $('contacts-error').hidden = false;
  }

  function contactItem(c) {
    var li = document.createElement('li');
    var name = document.createElement('div');
    name.className = 'contact-name';
    name.textContent = c.display_name || '(no name)';
    li.appendChild(name);
    if (c.organization) {
      var org = document.createElement('div');
      org.className = 'contact-org';
      org.textContent = c.organization;
      li.appendChild(org);
    }
    if (c.phones && c.phones.length) {
      var phones = document.createElement('ul');
      phones.className = 'contact-phones';
      c.phones.forEach(function (p) {
        var item = document.createElement('li');
        var type = document.createElement('span');
        type.className = 'phone-type';
        type.textContent = TYPE_LABELS[p.type] || p.type || '';
        item.appendChild(type);
        var link = document.createElement('a');
        link.textContent = p.number;
        if (p.digits) { link.href = 'tel:' + (String(p.number).trim().charAt(0) === '+' ? '+' : '') + p.digits; }
        item.appendChild(link);
        phones.appendChild(item);
      });
      li.appendChild(phones);
    }
    if (c.emails && c.emails.length) {
      var emails = document.createElement('ul');
      emails.className = 'contact-emails';
      c.emails.forEach(function (e) {
        var item = document.createElement('li');
        item.textContent = e;
        emails.appendChild(item);
      });
      li.appendChild(emails);
    }
    return li;
  }

  function load(append) {
    var mine = ++requestNo;
    var url = ctx + '/api/contacts?limit=' + PAGE + '&offset=' + offset + (query ? '&q=' + encodeURIComponent(query) : '');
    fetch(url, { credentials: 'same-origin', cache: 'no-store',
      headers: { 'Accept': 'application/json', 'X-Requested-With': 'fetch' } })
      .then(function (res) {
        return res.text().then(function (text) {
          var body = null;
          try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
          if (res.status === 401) {
            window.location.href = ctx + '/login?next=' + encodeURIComponent('/contacts');
            return null;
          }
          if (!res.ok) {
            var detail = body && body.detail;
            showError(detail || 'The search failed. Try again in a moment.', 'HTTP ' + res.status + '\n' + text.substring(0, 2000));
            return null;
          }
          return body;
        });
      }, function (e) {
        showError('Could not reach the ContactSync server. Check the network connection and try again.', String(e));
        return null;
      })
      .then(function (data) {
        if (!data || mine !== requestNo) { return; }
        $('contacts-error').hidden = true;
        var list = $('contact-list');
        if (!append) { list.replaceChildren(); }
        (data.contacts || []).forEach(function (c) { list.appendChild(contactItem(c)); });
        var shown = offset + (data.contacts || []).length;
        var total = data.total || 0;
        $('result-count').textContent = total === 0
          ? (query ? 'No contact matches “' + query + '”.' : 'No contacts yet. Run a sync on the Sync page.')
          : (query ? total.toLocaleString() + ' matching contacts' : total.toLocaleString() + ' contacts') +
            (shown < total ? ', showing ' + shown.toLocaleString() : '') + '.';
        $('more').hidden = shown >= total;
      });
  }

  $('q').addEventListener('input', function () {
    clearTimeout(debounce);
    debounce = setTimeout(function () {
      query = $('q').value.trim();
      offset = 0;
      load(false);
    }, 250);
  });
  $('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(debounce);
    query = $('q').value.trim();
    offset = 0;
    load(false);
  });
  $('more').addEventListener('click', function () {
    offset += PAGE;
    load(true);
  });

  load(false);
}());
