// One camera's live picture for a tile of the wall: fMP4 over the live WebSocket into Media Source Extensions,
// kept within MAX_BEHIND_S of the live edge, or masked snapshots about once a second. close() ends the socket
// and the timers at once, so a tile that leaves the wall frees its viewer slot (the viewer limit) right away.
const MAX_BEHIND_S = 1.0;

export function openPlayer({ camera, purpose, video, img, say, messages, snapshotWidth = 640 }) {
  let socket = null;
  let snapshotTimer = null;
  let edgeTimer = null;
  let objectUrl = null;
  let closed = false;

  function snapshots() {
    if (closed) {
      return;
    }
    video.hidden = true;
    img.hidden = false;
    const load = () => {
      const q = new URLSearchParams({ purpose, width: String(snapshotWidth), t: String(Date.now()) });
      img.src = `/api/v1/cameras/${camera}/snapshot.jpg?${q}`;
    };
    clearInterval(snapshotTimer);
    load();
    snapshotTimer = setInterval(load, 1000);
  }

  function play() {
    const started = performance.now();
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${proto}//${location.host}/api/v1/cameras/${camera}/live?${new URLSearchParams({ purpose })}`);
    socket.binaryType = 'arraybuffer';
    const queue = [];
    let buffer = null;
    let opened = false;
    const pump = () => {
      if (!buffer || buffer.updating || queue.length === 0 || closed) {
        return;
      }
      try {
        buffer.appendBuffer(queue.shift());
      } catch (e) {
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
      if (closed) {
        return;
      }
      if (typeof ev.data === 'string') {
        const mime = JSON.parse(ev.data).mime;
        if (!window.MediaSource || !MediaSource.isTypeSupported(mime)) {
          socket.close();
          say(messages.browserCodec, 'snapshots');
          snapshots();
          return;
        }
        opened = true;
        const ms = new MediaSource();
        objectUrl = URL.createObjectURL(ms);
        video.src = objectUrl;
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
        say('', 'video');
        return;
      }
      queue.push(ev.data);
      pump();
    };
    socket.onclose = (ev) => {
      if (closed) {
        return;
      }
      if (ev.code === 4001) {
        say(messages.ended, 'failed');
      } else if (!opened) {
        say(messages.failed, 'failed');
      }
    };
    video.addEventListener('waiting', nearEdge);
    edgeTimer = setInterval(nearEdge, 500);
  }

  function close() {
    closed = true;
    clearInterval(snapshotTimer);
    clearInterval(edgeTimer);
    if (socket) {
      socket.close();
      socket = null;
    }
    video.removeAttribute('src');
    video.load();
    if (objectUrl) {
      URL.revokeObjectURL(objectUrl);
    }
    img.removeAttribute('src');
  }

  return { play, snapshots, close };
}
