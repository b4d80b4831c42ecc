/*
 * The sync page's Phones section: for each vendor, the URL to enter in the phone (or its provisioning file), a
 * one-click copy, and a preview of what the phone is sent. Data only goes in with textContent.
 */
import { api } from './api.js';

const VENDORS = {
  cisco: { name: 'Cisco', how: 'Enter it as the directory URL (services URL) of the phone; the phone browses it.' },
  yealink: { name: 'Yealink', how: 'Enter it as a remote phonebook URL; the phone downloads it on its schedule.' },
  grandstream: { name: 'Grandstream', how: 'Enter it as the phonebook XML server path; the phone downloads it.' },
  snom: { name: 'Snom', how: 'Enter it as the remote (tbook) directory URL; the phone downloads it.' },
  polycom: { name: 'Polycom', how: 'Point the directory file setting of the provisioning at it.' },
  fanvil: { name: 'Fanvil', how: 'Enter it as a remote phonebook URL; the phone downloads it.' }
};
const PREVIEW_LINES = 40;

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) { el.className = className; }
  if (text !== undefined) { el.textContent = text; }
  return el;
}

/** Copies with the clipboard API where the page may use it (HTTPS, localhost), else through a selected field. */
async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const field = element('textarea', 'sr-only');
  field.value = text;
  document.body.appendChild(field);
  field.select();
  const ok = document.execCommand('copy');
  field.remove();
  if (!ok) { throw new Error('copy refused'); }
}

function copyButton(text, label) {
  const btn = element('button', 'btn compact', 'Copy');
  btn.type = 'button';
  btn.setAttribute('aria-label', 'Copy ' + label);
  btn.addEventListener('click', () => {
    copy(text).then(() => { btn.textContent = 'Copied'; }, () => { btn.textContent = 'Select and copy it'; })
      .then(() => setTimeout(() => { btn.textContent = 'Copy'; }, 2500));
  });
  return btn;
}

async function preview(url, box) {
  box.hidden = false;
  box.textContent = 'Loading what the phone gets…';
  try {
    const res = await fetch(url, { credentials: 'omit', cache: 'no-store' });
    const text = await res.text();
    const lines = text.split('\n');
    box.textContent = (res.ok ? '' : 'HTTP ' + res.status + '\n') + lines.slice(0, PREVIEW_LINES).join('\n') +
      (lines.length > PREVIEW_LINES ? '\n… (' + (lines.length - PREVIEW_LINES) + ' more lines)' : '');
  } catch (e) {
    box.textContent = 'Could not load it from here: ' + String(e);
  }
}

function urlRow(url, vendorName) {
  const row = element('div', 'phone-url');
  row.appendChild(element('code', null, url));
  row.appendChild(copyButton(url, 'the ' + vendorName + ' URL'));
  return row;
}

/** The name and the hint for a vendor; "yealink-browse" is Yealink's browsable directory beside its phonebook file. */
function describe(v) {
  const browse = v.vendor.endsWith('-browse');
  const base = VENDORS[browse ? v.vendor.slice(0, -'-browse'.length) : v.vendor];
  if (!base) { return { name: v.vendor, how: '' }; }
  return browse
    ? { name: base.name + ' (browse on the phone)', how: 'Enter it as the XML browser (directory) URL of the phone; '
        + 'the phone browses and searches it page by page.' }
    : base;
}

function vendorItem(v) {
  const known = describe(v);
  const li = element('li', 'phone-vendor');
  li.setAttribute('data-vendor', v.vendor);
  li.appendChild(element('h3', null, known.name));
  if (known.how) { li.appendChild(element('p', 'muted', known.how)); }
  const urls = v.urls || [];
  urls.forEach((u) => li.appendChild(urlRow(u, known.name)));
  if (urls.length > 1) {
    li.appendChild(element('p', 'muted', 'The phonebook is split into ' + urls.length +
      ' parts; enter each one where the phone has room for several.'));
  }
  if (urls.length) {
    const box = element('pre', 'phone-preview');
    box.hidden = true;
    const btn = element('button', 'btn compact', 'Preview');
    btn.type = 'button';
    btn.addEventListener('click', () => preview(urls[0], box));
    li.appendChild(btn);
    li.appendChild(box);
  }
  return li;
}

/** Fills the Phones section; an error there is shown in the section, not over the whole page. */
export async function showPhones() {
  const list = document.getElementById('phones-list');
  const status = document.getElementById('phones-status');
  let vendors;
  try {
    vendors = await api('GET', '/api/directory/phones');
  } catch (err) {
    if (err.status !== 401) { status.textContent = err.message; }
    return;
  }
  list.replaceChildren(...(vendors || []).map(vendorItem));
  const lookup = (vendors || []).map((v) => v.lookup).find((u) => !!u);
  const pbx = document.getElementById('phones-lookup');
  if (lookup) {
    pbx.replaceChildren(element('span', null, 'Caller ID for a PBX (number appended): '), urlRow(lookup, 'caller-ID look-up'));
    pbx.hidden = false;
  }
  status.textContent = (vendors || []).length ? '' : 'No phone formats are available.';
  status.hidden = (vendors || []).length > 0;
}
