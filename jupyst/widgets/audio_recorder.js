// jupyst audio recorder: the browser side of st.audio_input (an anywidget ESM).
//
// A bar with a record button, a waveform (a live level while recording, the recording's
// shape after it) and a time code. Record asks for the microphone and records with
// MediaRecorder; stop decodes the recording with Web Audio, resamples it to `sample_rate`
// (the browser's own rate when it is 0) as one channel, encodes a 16-bit PCM WAV here and
// sends it as `value` = [{name, type, size, content}] (the bytes travel as a binary buffer,
// as a file upload's do). Play/pause plays the recording back; recording again replaces it;
// the clear button empties `value`. The kernel empties `value` itself when the script
// resets the widget, and the bar then forgets the recording.

const MIC = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2z"/></svg>';
const STOP = '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><rect x="8" y="8" width="8" height="8" rx="1" fill="currentColor"/></svg>';
const PLAY = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M8 5v14l11-7z"/></svg>';
const PAUSE = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M6 5h4v14H6zm8 0h4v14h-4z"/></svg>';
const TRASH = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z"/></svg>';
const NO_MIC = "This app would like to use your microphone.";

function button(cls, label, icon) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "jupyst-audio-button " + cls;
  b.setAttribute("aria-label", label);
  b.title = label;
  b.innerHTML = icon;
  return b;
}

function formatTime(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
}

// Streamlit names a recording after the minute it was made: 2026-01-31T14-05_audio.wav
function fileName() {
  return new Date().toISOString().slice(0, 16).replace(":", "-") + "_audio.wav";
}

/** One channel of float samples as a 16-bit PCM WAV file. */
function encodeWav(samples, rate) {
  const bytes = 44 + samples.length * 2;
  const buffer = new ArrayBuffer(bytes);
  const view = new DataView(buffer);
  const text = (at, s) => { for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i)); };
  text(0, "RIFF");
  view.setUint32(4, bytes - 8, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);        // the fmt chunk's size
  view.setUint16(20, 1, true);         // PCM
  view.setUint16(22, 1, true);         // one channel
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);  // bytes per second
  view.setUint16(32, 2, true);         // bytes per frame
  view.setUint16(34, 16, true);        // bits per sample
  text(36, "data");
  view.setUint32(40, samples.length * 2, true);
  let at = 44;
  for (let i = 0; i < samples.length; i++, at += 2) {
    const x = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(at, x < 0 ? x * 0x8000 : x * 0x7fff, true);
  }
  return buffer;
}

/** The recorded blob, decoded and resampled to `rate` (0: as decoded), as one channel. */
async function toMono(blob, rate) {
  const ctx = new AudioContext();
  try {
    const decoded = await ctx.decodeAudioData(await blob.arrayBuffer());
    const target = rate > 0 ? rate : decoded.sampleRate;
    const frames = Math.max(1, Math.ceil(decoded.duration * target));
    // rendering into one channel mixes the channels down, and the context resamples
    const offline = new OfflineAudioContext(1, frames, target);
    const source = offline.createBufferSource();
    source.buffer = decoded;
    source.connect(offline.destination);
    source.start(0);
    const rendered = await offline.startRendering();
    return { samples: rendered.getChannelData(0), rate: target };
  } finally {
    ctx.close();
  }
}

function render({ model, el }) {
  el.classList.add("jupyst-audio-recorder");
  const bar = document.createElement("div");
  bar.className = "jupyst-audio-bar";
  const record = button("jupyst-audio-record", "Record", MIC);
  const stop = button("jupyst-audio-stop", "Stop recording", STOP);
  const play = button("jupyst-audio-play", "Play", PLAY);
  const clear = button("jupyst-audio-clear", "Clear recording", TRASH);
  const wave = document.createElement("canvas");
  wave.className = "jupyst-audio-wave";
  wave.height = 48;
  const note = document.createElement("span");
  note.className = "jupyst-audio-note";
  const time = document.createElement("span");
  time.className = "jupyst-audio-time";
  const player = document.createElement("audio");
  player.className = "jupyst-audio-player";
  player.preload = "auto";
  bar.append(record, stop, play, wave, note, time, clear);
  el.append(bar, player);

  let state = "idle"; // idle | recording | encoding | recorded | error
  let recorder = null;
  let stream = null;
  let started = 0;
  let ticker = null;
  let analyser = null;
  let liveCtx = null;
  let shape = null;   // the recording's samples, for its waveform
  let url = null;

  function show() {
    const disabled = model.get("disabled");
    const has = state === "recorded";
    record.style.display = state === "recording" ? "none" : "";
    stop.style.display = state === "recording" ? "" : "none";
    play.style.display = has ? "" : "none";
    clear.style.display = has ? "" : "none";
    record.disabled = disabled || state === "encoding";
    play.disabled = clear.disabled = disabled;
    play.innerHTML = player.paused ? PLAY : PAUSE;
    play.setAttribute("aria-label", player.paused ? "Play" : "Pause");
    note.style.display = state === "idle" || state === "error" ? "" : "none";
    wave.style.display = state === "idle" || state === "error" ? "none" : "";
    if (state === "error") note.textContent = NO_MIC;
    else if (state === "idle") note.textContent = "";
    el.dataset.state = state;
  }

  function drawShape(progress) {
    const ctx2d = wave.getContext("2d");
    wave.width = Math.max(50, wave.clientWidth || 300);
    const w = wave.width, h = wave.height;
    ctx2d.clearRect(0, 0, w, h);
    if (!shape) return;
    const bars = Math.floor(w / 4);
    const step = Math.max(1, Math.floor(shape.length / bars));
    const color = getComputedStyle(el).color || "#31333f";
    for (let b = 0; b < bars; b++) {
      let peak = 0;
      for (let i = b * step; i < Math.min(shape.length, (b + 1) * step); i++) peak = Math.max(peak, Math.abs(shape[i]));
      const barH = Math.max(2, peak * h);
      ctx2d.fillStyle = b / bars < progress ? "#ff4b4b" : color;
      ctx2d.globalAlpha = b / bars < progress ? 1 : 0.45;
      ctx2d.fillRect(b * 4, (h - barH) / 2, 2, barH);
    }
    ctx2d.globalAlpha = 1;
  }

  function drawLevel() {
    if (!analyser) return;
    const data = new Uint8Array(analyser.fftSize);
    analyser.getByteTimeDomainData(data);
    const ctx2d = wave.getContext("2d");
    wave.width = Math.max(50, wave.clientWidth || 300);
    ctx2d.clearRect(0, 0, wave.width, wave.height);
    ctx2d.strokeStyle = "#ff4b4b";
    ctx2d.beginPath();
    for (let i = 0; i < data.length; i++) {
      const x = (i / data.length) * wave.width;
      const y = (data[i] / 255) * wave.height;
      if (i === 0) ctx2d.moveTo(x, y); else ctx2d.lineTo(x, y);
    }
    ctx2d.stroke();
  }

  function stopTicker() {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  }

  function releaseMic() {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    if (liveCtx) liveCtx.close();
    liveCtx = null;
    analyser = null;
  }

  function forget() {
    player.pause();
    if (url) URL.revokeObjectURL(url);
    url = null;
    player.removeAttribute("src");
    shape = null;
    time.textContent = "";
  }

  async function startRecording() {
    if (model.get("disabled") || state === "recording" || state === "encoding") return;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      state = "error";
      show();
      return;
    }
    forget();
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.ondataavailable = (e) => { if (e.data && e.data.size) chunks.push(e.data); };
    recorder.onstop = () => finish(new Blob(chunks, { type: recorder.mimeType }));
    liveCtx = new AudioContext();
    analyser = liveCtx.createAnalyser();
    analyser.fftSize = 1024;
    liveCtx.createMediaStreamSource(stream).connect(analyser);
    recorder.start();
    started = performance.now();
    state = "recording";
    time.textContent = formatTime(0);
    ticker = setInterval(() => {
      time.textContent = formatTime((performance.now() - started) / 1000);
      drawLevel();
    }, 100);
    show();
  }

  function stopRecording() {
    if (state !== "recording" || !recorder) return;
    state = "encoding";
    stopTicker();
    recorder.stop();
    show();
  }

  async function finish(blob) {
    releaseMic();
    try {
      const { samples, rate } = await toMono(blob, model.get("sample_rate"));
      const wav = encodeWav(samples, rate);
      shape = samples;
      url = URL.createObjectURL(new Blob([wav], { type: "audio/wav" }));
      player.src = url;
      time.textContent = formatTime(samples.length / rate);
      state = "recorded";
      show();
      drawShape(0);
      model.set("value", [{ name: fileName(), type: "audio/wav", size: wav.byteLength, content: new DataView(wav) }]);
      model.save_changes();
    } catch (err) {
      console.error("jupyst: could not encode the recording", err);
      state = "idle";
      show();
    }
  }

  function clearRecording() {
    if (model.get("disabled")) return;
    forget();
    state = "idle";
    show();
    model.set("value", []);
    model.save_changes();
  }

  function onValue() {
    // the kernel emptied the value (the script reset the widget): forget the recording
    const value = model.get("value") || [];
    if (value.length === 0 && state === "recorded") {
      forget();
      state = "idle";
      show();
    }
  }

  record.addEventListener("click", startRecording);
  stop.addEventListener("click", stopRecording);
  clear.addEventListener("click", clearRecording);
  play.addEventListener("click", () => {
    if (player.paused) player.play(); else player.pause();
  });
  player.addEventListener("play", show);
  player.addEventListener("pause", show);
  player.addEventListener("ended", () => { show(); drawShape(0); });
  player.addEventListener("timeupdate", () => {
    if (!player.duration) return;
    time.textContent = formatTime(player.currentTime);
    drawShape(player.currentTime / player.duration);
  });
  model.on("change:value", onValue);
  model.on("change:disabled", show);
  show();
  return () => {
    stopTicker();
    if (recorder && recorder.state !== "inactive") recorder.stop();
    releaseMic();
    forget();
    model.off("change:value", onValue);
    model.off("change:disabled", show);
  };
}

export default { render };
