// Live view of one camera (/live/cameras/{id}): the player of live-player.js (fMP4 over a WebSocket into Media
// Source Extensions, kept near the live edge; masked snapshots about once a second where video cannot be shown:
// masks, H.265 without browser support, stream not held). No inline script: the page's data attributes carry
// what is needed.
import { openPlayer } from './live-player.js';

const root = document.getElementById('live');
const form = document.getElementById('live-start');
const video = document.getElementById('live-video');
const img = document.getElementById('live-snapshot');
const message = document.getElementById('live-message');
let player = null;

function say(text) {
  if (text) {
    message.textContent = text;
  }
  message.hidden = !message.textContent;
}

if (form) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const purpose = document.getElementById('live-purpose').value.trim();
    player?.close();
    player = openPlayer({
      camera: root.dataset.camera, purpose, video, img, say, snapshotWidth: 960,
      messages: { browserCodec: root.dataset.msgCodec, ended: root.dataset.msgEnded, failed: root.dataset.msgFailed },
    });
    if (root.dataset.offer === 'video') {
      player.play();
    } else {
      player.snapshots();
    }
  });
  // Opened from a visit (?visit=): the purpose is filled in, so start without another key press.
  if (root.dataset.autostart === 'true') {
    form.requestSubmit();
  }
}
