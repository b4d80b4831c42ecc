/*
 * One changed contact as the preview and the run-detail page list it. Names only ever go in as text.
 */

export const KIND_LABELS = { add: 'Add', update: 'Update', delete: 'Delete' };

/** A list item: the kind, then the contact's name (its source id when it has none), as text. */
export function changeItem(c) {
  const li = document.createElement('li');
  const kind = document.createElement('span');
  kind.className = 'kind kind-' + (KIND_LABELS[c.kind] ? c.kind : 'other');
  kind.textContent = KIND_LABELS[c.kind] || String(c.kind);
  li.appendChild(kind);
  const name = document.createElement('span');
  name.className = 'change-name';
  name.textContent = c.display_name || c.source_id || '';
  li.appendChild(name);
  if (c.source && c.source !== 'default') {
    const from = document.createElement('span');
    from.className = 'muted change-source';
    from.textContent = ' (' + c.source + ')';
    li.appendChild(from);
  }
  return li;
}

/** "1,000 more changes were counted but not listed." for a count beyond the per-run cap, else ''. */
export function beyondText(beyond, verb) {
  if (!beyond) { return ''; }
  return beyond.toLocaleString() + ' more ' + (beyond === 1 ? 'change' : 'changes') + ' ' + verb +
    ' counted but not listed (the list stops at contactsync.history.changes-per-run).';
}
