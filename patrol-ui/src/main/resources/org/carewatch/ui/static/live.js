// Live view of one camera (/live/cameras/{id}): fMP4 over a WebSocket into Media Source Extensions, kept near the
// live edge; masked snapshots about once a second where video cannot be shown (masks, H.265 without browser
// support, stream not held). No inline script: the page's data attributes carry what is needed.
const root = document.getElementById('live');
const form = document.getElementById('live-start');
const video = document.getElementById('live-video');
const img = document.getElementById('live-snapshot');
const message = document.getElementById('live-message');
const MAX_BEHIND_S = 1.0;
let socket = null;
let snapshotTimer = null;

function say(text) {
  message.textContent = text;
  message.hidden = !text;
}

function snapshots(purpose) {
  video.hidden = true;
  img.hidden = false;
  const id = root.dataset.camera;
  const load = () => {
    const q = new URLSearchParams({ purpose, width: '960', t: String(Date.now()) });
    img.src = `/api/v1/cameras/${id}/snapshot.jpg?${q}`;
  };
  clearInterval(snapshotTimer);
  load();
  snapshotTimer = setInterval(load, 1000);
}

function play(purpose) {
  const started = performance.now();
  const id = root.dataset.camera;
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = new URLSearchParams({ purpose });
  socket = new WebSocket(`${proto}//${location.host}/api/v1/cameras/${id}/live?${q}`);
  socket.binaryType = 'arraybuffer';
  const queue = [];
  let buffer = null;
  let opened = false;
  const pump = () => {
    if (!buffer || buffer.updating || queue.length === 0) {
      return;
    }
    try {
      buffer.appendBuffer(queue.shift());
    } catch (e) {
      // QuotaExceeded: forget what is far behind and go on.
      if (video.currentTime > 10) {
        buffer.remove(0, video.currentTime - 5);
      }
    }
  };
  const nearEdge = () => {
    const b = video.buffered;
    if (b.length === 0) {
      return;
    }
    const end = b.end(b.length - 1);
    if (end - video.currentTime > MAX_BEHIND_S || video.currentTime < b.start(b.length - 1)) {
      video.currentTime = Math.max(b.start(b.length - 1), end - 0.1);
    }
  };
  socket.onmessage = (ev) => {
    if (typeof ev.data === 'string') {
      const mime = JSON.parse(ev.data).mime;
      if (!window.MediaSource || !MediaSource.isTypeSupported(mime)) {
        socket.close();
        say(root.dataset.msgCodec);
        snapshots(purpose);
        return;
      }
      opened = true;
      const ms = new MediaSource();
      video.src = URL.createObjectURL(ms);
      video.hidden = false;
      ms.addEventListener('sourceopen', () => {
        buffer = ms.addSourceBuffer(mime);
        buffer.mode = 'segments';
        buffer.addEventListener('updateend', () => {
          nearEdge();
          pump();
        });
        pump();
      }, { once: true });
      video.addEventListener('loadeddata', () => {
        video.dataset.firstPictureMs = String(Math.round(performance.now() - started));
      }, { once: true });
      video.play().catch(() => {});
      return;
    }
    queue.push(ev.data);
    pump();
  };
  socket.onclose = (ev) => {
    if (ev.code === 4001) {
      say(root.dataset.msgEnded);
    } else if (!opened) {
      say(root.dataset.msgFailed);
    }
  };
  // A stalled player (gap after the first picture) jumps to the newest buffered picture.
  video.addEventListener('waiting', nearEdge);
  setInterval(nearEdge, 500);
}

if (form) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const purpose = document.getElementById('live-purpose').value.trim();
    if (socket) {
      socket.close();
      socket = null;
    }
    clearInterval(snapshotTimer);
    if (root.dataset.offer === 'video') {
      play(purpose);
    } else {
      snapshots(purpose);
    }
  });
  // Opened from a visit (?visit=): the purpose is filled in, so start without another key press.
  if (root.dataset.autostart === 'true') {
    form.requestSubmit();
  }
}
