// CareWatch console: keyboard shortcuts, the CSRF header on htmx requests, and the live alerts' badge and sound.
// Plain module JavaScript, no inline handlers: the pages work under a Content-Security-Policy of script-src 'self'.
//
// Keys: any visible element with data-key="x" is activated by pressing x (a field is focused, anything else
// clicked); j/k move through the rows of a [data-list] table and Enter opens the selected row; ? lists the
// shortcuts of the page; Esc closes the list or leaves a field. New pages get shortcuts by markup alone.

const csrf = document.querySelector('meta[name="csrf-token"]')?.content;

document.body.addEventListener('htmx:configRequest', (e) => {
  if (csrf) {
    e.detail.headers['X-CSRF-Token'] = csrf;
  }
});

const isField = (el) => !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
const usable = (el) => !el.disabled && !el.hidden && el.getClientRects().length > 0;

// ---- rows: j / k / Enter ----

let selectedId = null;

function rows() {
  return [...document.querySelectorAll('[data-list] [data-row]')];
}

function select(row, focus = true) {
  rows().forEach((r) => r.classList.toggle('selected', r === row));
  selectedId = row.dataset.id ?? null;
  const link = row.querySelector('[data-row-link]') ?? row.querySelector('a, button');
  if (focus && link) {
    link.focus();
  }
  row.scrollIntoView({ block: 'nearest' });
}

function move(delta) {
  const all = rows();
  if (all.length === 0) {
    return;
  }
  const current = document.activeElement?.closest?.('[data-row]') ?? all.find((r) => r.classList.contains('selected'));
  const at = current ? all.indexOf(current) : -1;
  const next = at < 0 ? 0 : Math.max(0, Math.min(all.length - 1, at + delta));
  select(all[next]);
}

// A list refreshed by a live event keeps the row that was selected (and its focus).
document.body.addEventListener('htmx:afterSettle', () => {
  if (selectedId === null) {
    return;
  }
  const row = rows().find((r) => r.dataset.id === selectedId);
  if (row) {
    const hadFocus = document.activeElement === document.body || document.activeElement === null;
    select(row, hadFocus);
  }
});

// ---- the shortcuts dialog ----

const dialog = document.getElementById('shortcuts');

function openHelp() {
  if (!dialog) {
    return;
  }
  const body = dialog.querySelector('#shortcut-rows');
  body.querySelectorAll('tr[data-page-key]').forEach((tr) => tr.remove());
  const seen = new Set();
  document.querySelectorAll('[data-key]').forEach((el) => {
    const key = el.dataset.key;
    if (seen.has(key) || !usable(el)) {
      return;
    }
    seen.add(key);
    const tr = document.createElement('tr');
    tr.dataset.pageKey = key;
    const k = document.createElement('td');
    const kbd = document.createElement('kbd');
    kbd.textContent = key;
    k.append(kbd);
    const label = document.createElement('td');
    label.textContent = el.dataset.keyLabel || el.getAttribute('aria-label') || el.textContent.trim();
    tr.append(k, label);
    body.append(tr);
  });
  dialog.showModal();
  dialog.querySelector('[data-close]')?.focus();
}

document.querySelectorAll('[data-help]').forEach((b) => b.addEventListener('click', openHelp));
dialog?.querySelector('[data-close]')?.addEventListener('click', () => dialog.close());
document.querySelectorAll('[data-print]').forEach((b) => b.addEventListener('click', () => window.print()));

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) {
    return;
  }
  if (e.key === 'Escape') {
    if (dialog?.open) {
      dialog.close();
    } else if (isField(document.activeElement)) {
      document.activeElement.blur();
    }
    return;
  }
  if (isField(e.target) || dialog?.open) {
    return;
  }
  if (e.key === '?') {
    e.preventDefault();
    openHelp();
  } else if (e.key === 'j' || e.key === 'k') {
    e.preventDefault();
    move(e.key === 'j' ? 1 : -1);
  } else {
    const target = [...document.querySelectorAll('[data-key]')].find((el) => el.dataset.key === e.key && usable(el));
    if (target) {
      e.preventDefault();
      if (isField(target)) {
        target.focus();
      } else {
        target.click();
      }
    }
  }
});

// ---- live alerts: badge and sound for new critical alerts ----

const badge = document.getElementById('critical-badge');
let audio = null;
let critical = 0;

function beep() {
  try {
    audio = audio ?? new AudioContext();
    audio.resume();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
    return true;
  } catch {
    return false;
  }
}

function onCritical() {
  critical += 1;
  if (badge) {
    badge.querySelector('[data-count]').textContent = String(critical);
    badge.hidden = false;
    if (beep()) {
      badge.dataset.sounds = String(Number(badge.dataset.sounds ?? 0) + 1);
    }
  }
}

document.body.addEventListener('htmx:sseOpen', (e) => {
  const source = e.detail?.source;
  if (source && !source.carewatchListening) {
    source.carewatchListening = true;
    source.addEventListener('critical', onCritical);
  }
  document.body.dataset.live = 'open';
});

// Keep the live region short: the newest few notices.
document.body.addEventListener('htmx:sseMessage', () => {
  const region = document.getElementById('live-notices');
  while (region && region.children.length > 5) {
    region.lastElementChild.remove();
  }
});
