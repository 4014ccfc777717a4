// The camera wall (/wall): the page's list of cameras shown a page of 1, 4, 9 or 16 tiles at a time, the next
// page after the dwell time; keys (console.js's data-key markup): space pause/resume, n/p next/previous page,
// f fullscreen, 1/4/9/0 tile count. Each tile asks the live plan first (so a refusal can say why), then plays
// through live-player.js; leaving a page closes its players. No inline script (CSP script-src 'self').
import { openPlayer } from './live-player.js';

const root = document.getElementById('wall');
const grid = document.getElementById('wall-grid');
const status = document.getElementById('wall-status');
const pauseButton = document.getElementById('wall-pause');

if (root && grid) {
  const d = root.dataset;
  const cameras = JSON.parse(d.cameras || '[]');
  const messages = {
    masked: d.msgMasked, codec: d.msgCodec, browserCodec: d.msgBrowserCodec, notStreaming: d.msgNotStreaming,
    disabled: d.msgDisabled, notFound: d.msgNotFound, failed: d.msgFailed, ended: d.msgEnded,
  };
  let tiles = Number(d.tiles) || 4;
  const dwellMs = (Number(d.dwell) || 20) * 1000;
  let page = 0;
  let paused = false;
  let purpose = d.purposeDefault;
  let players = [];
  let timer = null;

  const pages = () => Math.max(1, Math.ceil(cameras.length / tiles));

  function showStatus() {
    const text = d.msgPage.replace('{0}', String(page + 1)).replace('{1}', String(pages()));
    status.textContent = paused ? `${text} · ${d.msgPaused}` : text;
    root.dataset.page = String(page);
    root.dataset.paused = String(paused);
    pauseButton?.setAttribute('aria-pressed', String(paused));
  }

  function tile(cam) {
    const fig = document.createElement('figure');
    fig.className = 'wall-tile';
    fig.dataset.camera = String(cam.id);
    fig.dataset.state = 'loading';
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.hidden = true;
    video.setAttribute('aria-label', cam.name);
    const img = document.createElement('img');
    img.hidden = true;
    img.alt = cam.name;
    const msg = document.createElement('p');
    msg.className = 'tile-message';
    msg.setAttribute('role', 'status');
    msg.hidden = true;
    const cap = document.createElement('figcaption');
    cap.textContent = cam.centreName ? `${cam.name} · ${cam.centreName}` : cam.name;
    fig.append(video, img, msg, cap);
    const say = (text, state) => {
      msg.textContent = text;
      msg.hidden = !text;
      if (state) {
        fig.dataset.state = state;
      }
    };
    const player = openPlayer({ camera: cam.id, purpose, video, img, say, messages });
    fetch(`/api/v1/cameras/${cam.id}/live/plan`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(async (r) => {
        if (!r.ok) {
          say(r.status === 404 ? messages.notFound : messages.failed, 'failed');
          return;
        }
        const plan = await r.json();
        switch (plan.offer) {
          case 'video': player.play(); break;
          case 'snapshots_masked': say(messages.masked, 'snapshots'); player.snapshots(); break;
          case 'snapshots_codec': say(messages.codec, 'snapshots'); player.snapshots(); break;
          case 'not_streaming': say(messages.notStreaming, 'failed'); break;
          case 'disabled': say(messages.disabled, 'failed'); break;
          default: say(messages.failed, 'failed');
        }
      })
      .catch(() => say(messages.failed, 'failed'));
    return { fig, player };
  }

  function show() {
    players.forEach((p) => p.player.close());
    players = [];
    grid.replaceChildren();
    const cols = Math.round(Math.sqrt(tiles));
    grid.style.gridTemplateColumns = `repeat(${cols}, minmax(0, 1fr))`;
    cameras.slice(page * tiles, page * tiles + tiles).forEach((cam) => {
      const t = tile(cam);
      players.push(t);
      grid.append(t.fig);
    });
    showStatus();
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    if (!paused && pages() > 1) {
      timer = setTimeout(() => go(1), dwellMs);
    }
  }

  function go(step) {
    page = (page + step + pages()) % pages();
    show();
  }

  document.getElementById('wall-next')?.addEventListener('click', () => go(1));
  document.getElementById('wall-prev')?.addEventListener('click', () => go(-1));
  pauseButton?.addEventListener('click', () => {
    paused = !paused;
    showStatus();
    schedule();
  });
  document.getElementById('wall-full')?.addEventListener('click', () => {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    } else {
      root.requestFullscreen?.().catch(() => {});
    }
  });
  document.querySelectorAll('.wall-counts [data-tiles]').forEach((b) => {
    b.addEventListener('click', () => {
      const first = page * tiles;
      tiles = Number(b.dataset.tiles);
      page = Math.floor(first / tiles);
      show();
    });
  });
  // Leaving the page closes every tile's socket at once.
  window.addEventListener('pagehide', () => players.forEach((p) => p.player.close()));

  const form = document.getElementById('wall-start');
  if (form) {
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      purpose = document.getElementById('wall-purpose').value.trim();
      form.hidden = true;
      show();
    });
  } else {
    show();
  }
}
