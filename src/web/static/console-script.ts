// The console's only script, served as /static/console.js (a module string so the build ships it).
// Keyboard triage on the queue: j/k move, Enter opens, x selects, c claims, s/n/u decide.
export const CONSOLE_JS = String.raw`(() => {
  'use strict';
  const table = document.getElementById('queue');
  if (!table) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';
  const rows = () => Array.from(table.querySelectorAll('tbody tr[data-case-id]'));
  let index = 0;
  const select = (i) => {
    const all = rows();
    if (all.length === 0) return;
    index = Math.max(0, Math.min(all.length - 1, i));
    all.forEach((r, j) => r.classList.toggle('selected', j === index));
    all[index].focus();
    all[index].scrollIntoView({ block: 'nearest' });
  };
  const current = () => rows()[index];
  const act = async (action, fields) => {
    const row = current();
    if (!row) return;
    const id = row.dataset.caseId;
    const body = new URLSearchParams(fields || {});
    const res = await fetch('/cases/' + id + '/' + action, {
      method: 'POST',
      headers: { 'x-csrf-token': csrf, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body,
      credentials: 'same-origin',
    });
    const cell = row.querySelector('.status');
    if (res.ok) {
      const data = await res.json();
      if (cell) {
        cell.textContent = data.case.status + (data.case.claimedBy ? ' · ' + data.case.claimedBy : '') + (data.case.decision ? ' · ' + data.case.decision : '');
        cell.dataset.status = data.case.status;
      }
      row.classList.remove('failed');
      if (action === 'decide') select(index + 1);
    } else {
      row.classList.add('failed');
      if (cell) cell.textContent = cell.textContent.replace(/ · !.*$/, '') + ' · !' + res.status;
    }
  };
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    switch (event.key) {
      case 'j': select(index + 1); break;
      case 'k': select(index - 1); break;
      case 'Enter': { const row = current(); if (row) window.location.href = '/cases/' + row.dataset.caseId; break; }
      case 'x': { const box = current()?.querySelector('input[type=checkbox]'); if (box) box.checked = !box.checked; break; }
      case 'c': void act('claim'); break;
      case 's': void act('decide', { label: 'scam' }); break;
      case 'n': void act('decide', { label: 'not_scam' }); break;
      case 'u': void act('decide', { label: 'unsure' }); break;
      default: return;
    }
    event.preventDefault();
  });
  select(0);
})();
`;
