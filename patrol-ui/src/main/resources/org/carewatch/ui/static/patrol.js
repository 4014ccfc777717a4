// CareWatch officer pages (/patrol, /patrol/visits/{id}): the frame viewer (keys 1-9 open a frame full size,
// s a fresh snapshot of the selected camera, l the selected camera live), the finding form opened by a category key, sensor charts (uPlot).
// Keys themselves are console.js's data-key markup; this file only adds what those keys open. Plain module
// JavaScript, no inline handlers (CSP script-src 'self').

// ---- /patrol: the next visit has the focus, so Enter opens it ----

const next = document.getElementById('next-visit');
if (next && (document.activeElement === document.body || document.activeElement === null)) {
  next.focus();
}

// ---- frames: full size and fresh snapshots ----

const viewer = document.getElementById('frame-viewer');
const viewerImage = document.getElementById('viewer-image');
const viewerTitle = document.getElementById('viewer-title');
const viewerAge = document.getElementById('viewer-age');
const selectedLabel = document.getElementById('selected-camera');
const snapshotButton = document.getElementById('snapshot-button');
const frameLinks = [...document.querySelectorAll('[data-frame-link]')];
let selected = frameLinks[0] ?? null;
let opener = null;

function choose(link) {
  selected = link;
  frameLinks.forEach((l) => l.closest('li')?.classList.toggle('selected', l === link));
  if (selectedLabel && link) {
    selectedLabel.textContent = link.dataset.cameraName;
  }
}

function show(src, title, age) {
  if (!viewer) {
    return;
  }
  viewerImage.src = src;
  viewerImage.alt = title;
  viewerTitle.textContent = title;
  viewerAge.textContent = age;
  if (!viewer.open) {
    opener = document.activeElement;
    viewer.showModal();
    viewer.querySelector('[data-viewer-close]')?.focus();
  }
}

frameLinks.forEach((link) => link.addEventListener('click', (e) => {
  e.preventDefault();
  choose(link);
  show(link.href, link.dataset.cameraName, link.dataset.age);
}));

if (selected) {
  choose(selected);
}

snapshotButton?.addEventListener('click', () => {
  if (!selected) {
    return;
  }
  const src = `${snapshotButton.dataset.snapshot}${selected.dataset.camera}/snapshot.jpg?t=${Date.now()}`;
  show(src, `${selected.dataset.cameraName} · ${snapshotButton.textContent.replace(/\s+s$/, '').trim()}`, new Date().toLocaleTimeString());
  viewerImage.dataset.snapshot = 'loading';
});

// l: the selected camera live, with this visit as the stated purpose (LivePages turns ?visit= into the purpose).
const liveButton = document.getElementById('live-button');
liveButton?.addEventListener('click', () => {
  if (!selected) {
    return;
  }
  const q = new URLSearchParams({ visit: liveButton.dataset.visit });
  location.href = `${liveButton.dataset.live}${selected.dataset.camera}?${q}`;
});

viewerImage?.addEventListener('load', () => {
  if (viewerImage.dataset.snapshot === 'loading') {
    viewerImage.dataset.snapshot = 'shown';
  }
});
viewerImage?.addEventListener('error', () => {
  if (viewerImage.dataset.snapshot === 'loading') {
    viewerImage.dataset.snapshot = 'failed';
    viewerAge.textContent = viewer?.dataset.failed ?? '×';
  }
});

viewer?.querySelector('[data-viewer-close]')?.addEventListener('click', () => viewer.close());
viewer?.addEventListener('close', () => {
  opener?.focus?.();
  opener = null;
});

// ---- the verdict: a category key opens the finding form ----

const form = document.getElementById('finding-form');
const category = document.getElementById('finding-category');
const severity = document.getElementById('finding-severity');
const note = document.getElementById('finding-note');

document.querySelectorAll('[data-category]').forEach((b) => b.addEventListener('click', () => {
  if (!form) {
    return;
  }
  form.hidden = false;
  category.value = b.dataset.category;
  if (b.dataset.category === 'suspected_abuse') {
    severity.value = 'critical';
  }
  const pick = selected ? form.querySelector(`[data-frame-pick="${selected.closest('li')?.dataset.frame}"]`) : null;
  if (pick && !form.querySelector('[data-frame-pick]:checked')) {
    pick.checked = true;
  }
  note.focus();
}));

form?.querySelector('[data-finding-cancel]')?.addEventListener('click', () => {
  form.hidden = true;
  document.getElementById('verdict-title')?.scrollIntoView({ block: 'nearest' });
});

// Ctrl+Enter records the finding from any of its fields.
form?.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    form.requestSubmit();
  }
});

// ---- sensors: a small chart of the last hours ----

function chart(el) {
  if (typeof window.uPlot !== 'function') {
    return;
  }
  let data;
  try {
    data = JSON.parse(el.dataset.chart);
  } catch {
    return;
  }
  if (!data.t || data.t.length < 2) {
    return;
  }
  const colours = ['#1d4ed8', '#c2410c', '#15803d', '#7c3aed'];
  const series = [{}].concat(data.s.map((s, i) => ({ label: s.name, stroke: colours[i % colours.length], width: 1.5 })));
  const opts = {
    width: Math.max(200, el.clientWidth || 260),
    height: 90,
    legend: { show: false },
    cursor: { show: false },
    series,
    axes: [{ size: 24, font: '10px sans-serif' }, { size: 36, font: '10px sans-serif' }],
  };
  // eslint-disable-next-line no-new
  new window.uPlot(opts, [data.t, ...data.s.map((s) => s.v)], el);
  el.dataset.drawn = 'yes';
}

document.querySelectorAll('[data-chart]').forEach(chart);
