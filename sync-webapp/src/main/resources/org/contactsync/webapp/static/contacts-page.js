/*
 * The contacts page: search the local copy by name or phone number, each contact with the source it came from,
 * and the duplicates the phone directory merged. Data only goes in with textContent.
 */
import { api } from './api.js';

const PAGE = 25;
const TYPE_LABELS = { mobile: 'Mobile', work: 'Work', home: 'Home', main: 'Main', other: 'Other' };

const $ = (id) => document.getElementById(id);

let query = '';
let offset = 0;
let requestNo = 0;
let debounce = null;

function showError(err) {
  $('contacts-error-text').textContent = err.message || 'The search failed. Try again in a moment.';
  const det = $('contacts-error-details');
  det.hidden = !err.detail;
  $('contacts-error-detail').textContent = err.detail || '';
  $('contacts-error').hidden = false;
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) { el.className = className; }
  if (text !== undefined) { el.textContent = text; }
  return el;
}

/** A contact's name with a small label naming its source, then organisation, numbers and emails. */
function contactItem(c, note) {
  const li = document.createElement('li');
  const name = element('div', 'contact-name', c.display_name || '(no name)');
  if (c.source) {
    const label = element('span', 'source-label', c.source);
    label.title = 'Source';
    name.appendChild(label);
  }
  if (note) { name.appendChild(element('span', 'muted', ' ' + note)); }
  li.appendChild(name);
  if (c.organization) {
    li.appendChild(element('div', 'contact-org', c.organization));
  }
  if (c.phones && c.phones.length) {
    const phones = element('ul', 'contact-phones');
    c.phones.forEach((p) => {
      const item = document.createElement('li');
      item.appendChild(element('span', 'phone-type', TYPE_LABELS[p.type] || p.type || ''));
      const link = element('a', null, p.number);
      if (p.digits) { link.href = 'tel:' + (String(p.number).trim().charAt(0) === '+' ? '+' : '') + p.digits; }
      item.appendChild(link);
      phones.appendChild(item);
    });
    li.appendChild(phones);
  }
  if (c.emails && c.emails.length) {
    const emails = element('ul', 'contact-emails');
    c.emails.forEach((e) => emails.appendChild(element('li', null, e)));
    li.appendChild(emails);
  }
  return li;
}

/** One merged entry as the phones list it, and each contact it was merged from. */
function duplicateItem(group) {
  const li = contactItem(group.entry);
  const members = element('ul', 'duplicate-members');
  members.setAttribute('aria-label', 'Merged from');
  (group.members || []).forEach((m) => {
    members.appendChild(contactItem(m, m.source_id + (m.winner ? ' · name shown' : '')));
  });
  li.appendChild(members);
  return li;
}

async function load(append) {
  const mine = ++requestNo;
  let data;
  try {
    data = await api('GET', '/api/contacts?limit=' + PAGE + '&offset=' + offset +
      (query ? '&q=' + encodeURIComponent(query) : ''));
  } catch (err) {
    if (err.status !== 401) { showError(err); }
    return;
  }
  if (!data || mine !== requestNo) { return; }
  $('contacts-error').hidden = true;
  const list = $('contact-list');
  if (!append) { list.replaceChildren(); }
  (data.contacts || []).forEach((c) => list.appendChild(contactItem(c)));
  const shown = offset + (data.contacts || []).length;
  const total = data.total || 0;
  $('result-count').textContent = total === 0
    ? (query ? 'No contact matches “' + query + '”.' : 'No contacts yet. Run a sync on the Sync page.')
    : (query ? total.toLocaleString() + ' matching contacts' : total.toLocaleString() + ' contacts') +
      (shown < total ? ', showing ' + shown.toLocaleString() : '') + '.';
  $('more').hidden = shown >= total;
}

let duplicatesOffset = 0;

async function loadDuplicates(append) {
  let data;
  try {
    data = await api('GET', '/api/contacts/duplicates?limit=' + PAGE + '&offset=' + duplicatesOffset);
  } catch (err) {
    if (err.status !== 401) {
      $('duplicates-error-text').textContent = err.message || 'The duplicates could not be loaded. Reload the page in a moment.';
      $('duplicates-error').hidden = false;
    }
    return;
  }
  if (!data) { return; }
  $('duplicates-error').hidden = true;
  const list = $('duplicate-list');
  if (!append) { list.replaceChildren(); }
  (data.groups || []).forEach((g) => list.appendChild(duplicateItem(g)));
  const shown = duplicatesOffset + (data.groups || []).length;
  const total = data.total || 0;
  $('duplicates-count').textContent = total === 0
    ? 'Nothing was merged: no person appears in more than one source.'
    : total.toLocaleString() + (total === 1 ? ' person' : ' people') + ' found in several sources' +
      (shown < total ? ', showing ' + shown.toLocaleString() : '') + '.';
  $('duplicates-more').hidden = shown >= total;
}

function searchNow() {
  clearTimeout(debounce);
  query = $('q').value.trim();
  offset = 0;
  $('duplicates-more').addEventListener('click', () => {
  duplicatesOffset += PAGE;
  loadDuplicates(true);
});

load(false);
loadDuplicates(false);
}

$('q').addEventListener('input', () => {
  clearTimeout(debounce);
  debounce = setTimeout(searchNow, 250);
});
$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  searchNow();
});
$('more').addEventListener('click', () => {
  offset += PAGE;
  load(true);
});

$('duplicates-more').addEventListener('click', () => {
  duplicatesOffset += PAGE;
  loadDuplicates(true);
});

load(false);
loadDuplicates(false);
