// Uploads of the object browser, run by the browser so that they go on while the page's circuit reconnects.
// The portal signs; the bytes go straight to the storage (one presigned PUT below the multipart threshold; above it,
// presigned parts, several in flight, completed by the portal), or, when the storage does not accept the page's
// origin, through the portal (a small file as one POST, a large one part by part). The page (Blazor) shows the
// state this module pushes to it; the module is the source of truth and pushes everything again after a reconnect.
// Presigned URLs come from the portal's JSON answers when needed and are never written into the page.

const sessions = new Map();

/** The relative path of a picked file: its path inside the picked folder, else its name. */
export function relativePath(file, path) {
  return String(path || file.webkitRelativePath || file.name).replace(/^\/+/, "");
}

class UploadError extends Error {
  constructor(message, { retryable = false, status = 0 } = {}) {
    super(message);
    this.retryable = retryable;
    this.status = status;
  }
}

const aborted = () => new DOMException("The upload was cancelled.", "AbortError");
const isAbort = (error) => error?.name === "AbortError";

/** POST JSON to the portal with the page's antiforgery token; the answer's JSON, or an error in the portal's words. */
async function callPortal(url, token, body, signal, keepalive = false) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", RequestVerificationToken: token },
      body: JSON.stringify(body ?? {}),
      credentials: "same-origin",
      signal,
      keepalive,
    });
  } catch {
    if (signal?.aborted) throw aborted();
    throw new UploadError("The portal cannot be reached; check the connection and retry.", { retryable: true });
  }
  return portalAnswer(response.status, response.headers.get("Content-Type"), response.redirected, () => response.text());
}

async function portalAnswer(status, contentType, redirected, readText) {
  if (status === 204) return null;
  const isJson = (contentType || "").includes("json");
  if (redirected || !isJson) {
    throw new UploadError(status < 400 || redirected ? "Your session has ended: sign in again, then retry."
      : `The portal answered ${status}.`, { status, retryable: status >= 500 });
  }
  let data = null;
  try { data = JSON.parse(await readText()); } catch { /* not JSON after all */ }
  if (status >= 400) {
    throw new UploadError(data?.detail || `The portal answered ${status}.`, { status, retryable: status >= 500 });
  }
  return data;
}

/** Sends a request with XMLHttpRequest (upload progress events); resolves with the finished request. */
function send(method, url, { headers = {}, body = null, signal, onProgress, withCredentials = false }) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(aborted()); return; }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url, true);
    xhr.withCredentials = withCredentials;
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded);
    const stop = () => xhr.abort();
    signal?.addEventListener("abort", stop, { once: true });
    const done = () => signal?.removeEventListener("abort", stop);
    xhr.onload = () => { done(); resolve(xhr); };
    xhr.onerror = () => { done(); reject(new UploadError("network", { retryable: true })); };
    xhr.onabort = () => { done(); reject(aborted()); };
    xhr.send(body);
  });
}

const sleep = (ms, signal) => new Promise((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener("abort", () => { clearTimeout(timer); reject(aborted()); }, { once: true });
});

/** Runs tasks with at most `limit` at a time; rejects on the first failure. */
async function pool(items, limit, task) {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length > 0) await task(queue.shift());
  });
  await Promise.all(workers);
}

function storageRefused(xhr) {
  const message = /<Message>([^<]*)<\/Message>/.exec(xhr.responseText || "")?.[1];
  return new UploadError(`The storage refused the upload (HTTP ${xhr.status}${message ? `: ${message}` : ""}).`,
    { status: xhr.status, retryable: xhr.status >= 500 || xhr.status === 403 });
}

/** The length of part n (1-based) of a file planned in parts of upload.partSize. */
function partLength(upload, n, size) {
  return Math.max(0, Math.min(upload.partSize, size - (n - 1) * upload.partSize));
}

/** Whether the page's Content-Security-Policy lets it reach `origin` (a blocked request fires a violation event). */
async function canConnect(origin) {
  const listed = document.querySelector("meta[name=hikube-connect-src]")?.content.split(" ") ?? [];
  if (listed.includes(origin)) return true;
  let blocked = false;
  const onViolation = (event) => { if (event.blockedURI?.startsWith(origin)) blocked = true; };
  document.addEventListener("securitypolicyviolation", onViolation);
  try {
    await fetch(origin + "/", { method: "HEAD", mode: "no-cors", credentials: "omit", cache: "no-store" });
  } catch { /* a network failure says nothing about the policy */ }
  await new Promise((resolve) => setTimeout(resolve, 0));
  document.removeEventListener("securitypolicyviolation", onViolation);
  return !blocked;
}

/** Files of a drop: every file of dropped folders too, with its path inside the dropped folder. */
async function droppedFiles(dataTransfer) {
  // Entries must be taken while the drop event runs: the list is emptied afterwards.
  const entries = [...(dataTransfer.items ?? [])].filter((item) => item.kind === "file")
    .map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile?.() ?? null }));
  if (entries.length === 0) return [...(dataTransfer.files ?? [])].map((file) => ({ file, path: file.name }));
  const files = [];
  const walk = async (entry, path) => {
    if (entry.isFile) {
      files.push({ file: await new Promise((resolve, reject) => entry.file(resolve, reject)), path: path + entry.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${path}${entry.name}/`);
      }
    }
  };
  for (const { entry, file } of entries) {
    if (entry) await walk(entry, "");
    else if (file) files.push({ file, path: file.name });
  }
  return files;
}

/** The uploads of one bucket in this document: they outlive the page component and its circuit. */
class Session {
  #files = new Map();
  #next = 1;
  #running = 0;
  #route = null;
  #dotnet = null;
  #dirty = new Set();
  #removed = new Set();
  #completed = [];
  #full = true;
  #timer = 0;
  #samples = [];
  #detachers = [];

  constructor(options) {
    this.options = options;
    window.addEventListener("beforeunload", (event) => { if (this.busy) event.preventDefault(); });
  }

  get busy() { return [...this.#files.values()].some((f) => f.state === "queued" || f.state === "uploading"); }

  /** Connects the page: its .NET object, its drop zone and pickers. Called again after the page was rebuilt. */
  attach(dotnet, zone, options) {
    this.detach();
    Object.assign(this.options, options);
    this.#dotnet = dotnet;
    this.#full = true;
    if (zone) this.#listen(zone);
    this.#schedulePush(0);
  }

  detach() {
    for (const undo of this.#detachers) undo();
    this.#detachers = [];
    this.#dotnet = null;
  }

  #listen(zone) {
    const on = (target, type, handler) => {
      target.addEventListener(type, handler);
      this.#detachers.push(() => target.removeEventListener(type, handler));
    };
    const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
    let depth = 0;
    on(zone, "dragenter", (event) => {
      if (!hasFiles(event) || !this.options.canWrite) return;
      event.preventDefault();
      depth++;
      zone.setAttribute("data-dragging", "true");
    });
    on(zone, "dragover", (event) => {
      if (!hasFiles(event) || !this.options.canWrite) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    });
    on(zone, "dragleave", () => { if (--depth <= 0) { depth = 0; zone.removeAttribute("data-dragging"); } });
    on(zone, "drop", (event) => {
      depth = 0;
      zone.removeAttribute("data-dragging");
      if (!hasFiles(event) || !this.options.canWrite) return;
      event.preventDefault();
      droppedFiles(event.dataTransfer).then((files) => this.add(files)).catch((error) => this.#fail(error));
    });
    for (const input of document.querySelectorAll("input[type=file][data-upload-input]")) {
      on(input, "change", () => {
        this.add([...input.files].map((file) => ({ file, path: relativePath(file) })));
        input.value = "";
      });
    }
    // The pickers' buttons may sit in a menu drawn outside the zone: listen on the document.
    on(document, "click", (event) => {
      const pick = event.target.closest?.("[data-upload-pick]")?.getAttribute("data-upload-pick");
      if (pick && this.options.canWrite) document.querySelector(`input[data-upload-input=${pick}]`)?.click();
    });
  }

  /** Queues files ({file, path}) into the folder being browsed now. */
  add(files) {
    const prefix = this.options.prefix ?? "";
    for (const { file, path } of files) {
      const id = this.#next++;
      this.#files.set(id, { id, file, path, prefix, size: file.size, sent: 0, state: "queued", error: null, upload: null, controller: null });
      this.#dirty.add(id);
    }
    this.#schedulePush(0);
    this.#pump();
  }

  cancel(id) {
    const file = this.#files.get(id);
    if (!file || file.state === "done" || file.state === "cancelled") return;
    file.controller?.abort();
    file.state = "cancelled";
    file.error = null;
    this.#abortUpload(file);
    this.#changed(file);
    this.#pump();
  }

  cancelAll() {
    for (const id of this.#files.keys()) this.cancel(id);
  }

  retry(id) {
    const file = this.#files.get(id);
    if (!file || (file.state !== "failed" && file.state !== "cancelled")) return;
    file.state = "queued";
    file.error = null;
    this.#changed(file);
    this.#pump();
  }

  retryAll() {
    for (const file of this.#files.values()) if (file.state === "failed") this.retry(file.id);
  }

  /** Forgets finished files (done, cancelled); failed ones stay for a retry. */
  clear() {
    for (const [id, file] of this.#files) {
      if (file.state === "done" || file.state === "cancelled") {
        this.#files.delete(id);
        this.#removed.add(id);
      }
    }
    this.#schedulePush(0);
  }

  /** The folder new files go into. */
  setPrefix(prefix) { this.options.prefix = prefix ?? ""; }

  #changed(file) {
    this.#dirty.add(file.id);
    this.#schedulePush(file.state === "uploading" ? 250 : 0);
  }

  #fail(error) {
    console.warn("upload:", error?.message ?? error);
  }

  #pump() {
    const limit = this.options.parallelFiles || 3;
    for (const file of this.#files.values()) {
      if (this.#running >= limit) break;
      if (file.state !== "queued") continue;
      this.#running++;
      this.#run(file).finally(() => { this.#running--; this.#pump(); });
    }
  }

  async #run(file) {
    const controller = new AbortController();
    file.controller = controller;
    file.state = "uploading";
    file.started = performance.now();
    this.#changed(file);
    const progress = (sent) => {
      if (controller.signal.aborted) return;
      this.#sample(sent - file.sent);
      file.sent = sent;
      this.#changed(file);
    };
    try {
      const route = await this.#prepare(controller.signal);
      const stored = route.mode === "Streamed"
        ? (file.size >= this.options.threshold ? await this.#multipart(file, controller.signal, progress, true) : await this.#stream(file, controller.signal, progress))
        : (file.size >= this.options.threshold ? await this.#multipart(file, controller.signal, progress, false) : await this.#put(file, controller.signal, progress));
      if (controller.signal.aborted) return;
      progress(file.size);
      file.state = "done";
      file.key = stored.key;
      file.upload = null;
      this.#completed.push(stored.key);
      document.body.dispatchEvent(new CustomEvent("hikube:uploaded", { bubbles: true, detail: { key: stored.key } }));
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) return;
      file.state = "failed";
      file.error = this.#explain(error);
    } finally {
      file.controller = null;
      this.#changed(file);
    }
  }

  #explain(error) {
    if (error instanceof UploadError && error.message === "network") {
      return this.#route?.mode === "Direct"
        ? "The connection to the storage was lost. Retry: the parts already sent are kept."
        : "The connection to the portal was lost. Retry: the parts already sent are kept.";
    }
    return error?.message ?? String(error);
  }

  /** How this bucket's files go up (asked once per page): straight to the storage, or through the portal. */
  async #prepare(signal) {
    if (this.#route) return this.#route;
    const route = await callPortal(this.#url("/prepare"), this.options.token, { allowDirect: !this.cspBlocked }, signal);
    this.#route = route;
    this.#full = true;
    this.#schedulePush(0);
    return route;
  }

  #url(path) { return this.options.api + path; }

  #newFile(file) {
    return { prefix: file.prefix, path: file.path, size: file.size, contentType: file.file.type || null };
  }

  async #put(file, signal, progress) {
    const signed = await callPortal(this.#url("/put"), this.options.token, this.#newFile(file), signal);
    file.key = signed.key;
    const xhr = await this.#withRetries(signal, () => send(signed.method, signed.url,
      { headers: signed.headers, body: file.file, signal, onProgress: progress }));
    if (xhr.status < 200 || xhr.status >= 300) throw storageRefused(xhr);
    return { key: signed.key };
  }

  async #stream(file, signal, progress) {
    const query = new URLSearchParams({ prefix: file.prefix, path: file.path });
    if (file.file.type) query.set("type", file.file.type);
    const xhr = await send("POST", `${this.#url("/stream")}?${query}`, {
      headers: { "Content-Type": "application/octet-stream", RequestVerificationToken: this.options.token },
      body: file.file, signal, onProgress: progress, withCredentials: true,
    });
    return portalAnswer(xhr.status, xhr.getResponseHeader("Content-Type"), false, async () => xhr.responseText);
  }

  /** Retries a request that failed on the network: 4 attempts, waiting 1, 2 then 3 s. */
  async #withRetries(signal, attempt) {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (isAbort(error) || !error?.retryable || n >= 4) throw error;
        await sleep(1000 * n, signal);
      }
    }
  }

  async #multipart(file, signal, progress, streamed) {
    const { token } = this.options;
    const etags = new Map();
    let upload = file.upload;
    if (upload) {
      // A retry resumes: the parts the storage already holds are not sent again.
      try {
        const listed = await callPortal(this.#url("/multipart/list-parts"), token, { key: upload.key, uploadId: upload.uploadId }, signal);
        for (const part of listed.parts) {
          if (part.size === partLength(upload, part.partNumber, file.size)) etags.set(part.partNumber, part.etag);
        }
      } catch (error) {
        if (isAbort(error)) throw error;
        upload = null;
      }
    }
    if (!upload) {
      upload = await callPortal(this.#url("/multipart"), token, this.#newFile(file), signal);
      file.upload = upload;
      file.key = upload.key;
      if (signal.aborted) throw aborted();
    }

    const inFlight = new Map();
    let doneBytes = [...etags.keys()].reduce((sum, n) => sum + partLength(upload, n, file.size), 0);
    const report = () => progress(doneBytes + [...inFlight.values()].reduce((a, b) => a + b, 0));
    report();

    const remaining = [];
    for (let n = 1; n <= upload.partCount; n++) if (!etags.has(n)) remaining.push(n);
    const inParallel = this.options.partsInFlight || 4;
    const signedUrls = new Map();
    let signing = Promise.resolve();
    const urlFor = async (n) => {
      // Parts are signed in batches, one batch request at a time, just before they are needed.
      await (signing = signing.then(async () => {
        if (signedUrls.has(n)) return;
        const batch = remaining.filter((p) => p >= n && !signedUrls.has(p)).slice(0, inParallel * 4);
        const answer = await callPortal(this.#url("/multipart/parts"), token, { key: upload.key, uploadId: upload.uploadId, parts: batch }, signal);
        for (const part of answer.parts) signedUrls.set(part.partNumber, part.url);
      }).catch((error) => { signing = Promise.resolve(); throw error; }));
      return signedUrls.get(n);
    };

    const failure = new AbortController();
    const partSignal = AbortSignal.any([signal, failure.signal]);
    const sendPart = async (n) => {
      const from = (n - 1) * upload.partSize;
      const blob = file.file.slice(from, from + partLength(upload, n, file.size));
      const onProgress = (loaded) => { inFlight.set(n, loaded); report(); };
      const etag = await this.#withRetries(partSignal, async () => {
        try {
          if (streamed) {
            const query = new URLSearchParams({ key: upload.key, uploadId: upload.uploadId, part: String(n) });
            const xhr = await send("POST", `${this.#url("/multipart/part")}?${query}`, {
              headers: { "Content-Type": "application/octet-stream", RequestVerificationToken: token },
              body: blob, signal: partSignal, onProgress, withCredentials: true,
            });
            return (await portalAnswer(xhr.status, xhr.getResponseHeader("Content-Type"), false, async () => xhr.responseText)).etag;
          }
          const xhr = await send("PUT", await urlFor(n), { body: blob, signal: partSignal, onProgress });
          if (xhr.status === 403) signedUrls.delete(n); // expired: sign again
          if (xhr.status < 200 || xhr.status >= 300) throw storageRefused(xhr);
          const value = xhr.getResponseHeader("ETag");
          if (!value) throw new UploadError("The storage did not show the part's ETag: its CORS rule must expose the ETag header.");
          return value;
        } finally {
          inFlight.delete(n);
        }
      });
      etags.set(n, etag);
      doneBytes += blob.size;
      report();
    };
    try {
      await pool(remaining, inParallel, sendPart);
    } catch (error) {
      failure.abort();
      throw error;
    }
    const parts = [...etags.entries()].sort((a, b) => a[0] - b[0]).map(([partNumber, etag]) => ({ partNumber, etag }));
    return callPortal(this.#url("/multipart/complete"), token, { key: upload.key, uploadId: upload.uploadId, parts }, signal);
  }

  /** A cancelled file's multipart upload is aborted, so that no part stays behind in the storage. */
  #abortUpload(file) {
    const upload = file.upload;
    if (!upload) return;
    file.upload = null;
    callPortal(this.#url("/multipart/abort"), this.options.token, { key: upload.key, uploadId: upload.uploadId }, undefined, true)
      .catch((error) => this.#fail(error));
  }

  #sample(bytes) {
    const now = performance.now();
    this.#samples.push([now, bytes]);
    while (this.#samples.length > 0 && now - this.#samples[0][0] > 3000) this.#samples.shift();
  }

  #speed() {
    const now = performance.now();
    const recent = this.#samples.filter(([t]) => now - t <= 3000);
    if (recent.length === 0) return 0;
    const span = Math.max(500, now - recent[0][0]);
    return Math.round(recent.reduce((sum, [, b]) => sum + b, 0) / (span / 1000));
  }

  #schedulePush(delay) {
    if (this.#timer) return;
    this.#timer = setTimeout(() => { this.#timer = 0; this.#push(); }, delay);
  }

  /** Sends the page what changed since the last push (everything after a reconnect or a re-attach). */
  async #push() {
    const dotnet = this.#dotnet;
    if (!dotnet) return;
    const all = [...this.#files.values()];
    const changed = this.#full ? all : all.filter((f) => this.#dirty.has(f.id));
    const completed = this.#completed;
    const patch = {
      full: this.#full,
      mode: this.#route?.mode ?? null,
      reason: this.#route?.reason ?? null,
      speed: this.#speed(),
      totalBytes: all.reduce((s, f) => s + (f.state === "cancelled" ? 0 : f.size), 0),
      sentBytes: all.reduce((s, f) => s + (f.state === "cancelled" ? 0 : f.sent), 0),
      files: changed.map((f) => ({ id: f.id, name: f.path, key: f.key ?? null, prefix: f.prefix, size: f.size, sent: f.sent, state: f.state, error: f.error })),
      removed: [...this.#removed],
      completed,
    };
    this.#dirty.clear();
    this.#removed.clear();
    this.#completed = [];
    this.#full = false;
    try {
      await dotnet.invokeMethodAsync("OnUploads", patch);
    } catch {
      // The circuit is away (reconnecting): send everything again in a moment.
      this.#full = true;
      this.#completed = [...completed, ...this.#completed];
      this.#schedulePush(1000);
      return;
    }
    if (this.busy) this.#schedulePush(500);
  }
}

/**
 * Connects the object page of a bucket to its uploads (created on first use, kept while the document lives).
 * options: { api, token, prefix, threshold, parallelFiles, partsInFlight, canWrite }.
 * Answers the object .NET calls: add nothing itself; cancel(id), retry(id), cancelAll(), retryAll(), clear(), setPrefix(p), detach().
 */
export async function attach(options, dotnet, zone) {
  let session = sessions.get(options.api);
  if (!session) {
    session = new Session(options);
    sessions.set(options.api, session);
  }
  if (options.endpoint && session.checkedEndpoint !== options.endpoint) {
    session.checkedEndpoint = options.endpoint;
    if (!(await canConnect(new URL(options.endpoint).origin))) {
      // The document was opened before the portal knew this storage, so its security policy does not list it:
      // load the page again (its state is in its address) while nothing is uploading; once only.
      if (!session.busy && sessionStorage.getItem("hikube.uploads.reloaded") !== location.href) {
        sessionStorage.setItem("hikube.uploads.reloaded", location.href);
        location.reload();
      }
      session.cspBlocked = true;
    }
  }
  session.attach(dotnet, zone, options);
  zone?.setAttribute("data-upload-ready", "true");
  return {
    cancel: (id) => session.cancel(id),
    retry: (id) => session.retry(id),
    cancelAll: () => session.cancelAll(),
    retryAll: () => session.retryAll(),
    clear: () => session.clear(),
    setPrefix: (prefix) => session.setPrefix(prefix),
    setCanWrite: (canWrite) => { session.options.canWrite = canWrite; },
    detach: () => session.detach(),
  };
}
