// Uploads of the object browser: Uppy (core, dashboard, drop target) with the portal's own uploader plugin.
// Direct mode: the portal signs, the browser sends the bytes straight to the storage (one presigned PUT below the
// multipart threshold; above it, presigned parts, several in flight, completed by the portal). Stream mode: the
// file is the body of one POST to the portal, which streams it to the storage in bounded memory.
// Presigned URLs come from the portal's JSON answers only when needed and are never written into the page.
// Uppy 6's AwsS3 plugin signs every S3 call in the browser and sends one part at a time per file; the portal
// starts and completes multipart uploads itself and wants several parts in flight, hence this small plugin.
import { BasePlugin, Dashboard, DropTarget, Uppy } from "../lib/uppy/uppy.min.mjs";

/** A file's key below the browsed folder: its path inside the picked or dropped folder, else its name. */
export function relativePath(file) {
  const path = file.meta?.relativePath || file.data?.webkitRelativePath || file.name;
  return String(path).replace(/^\/+/, "");
}

class UploadError extends Error {
  constructor(message, { retryable = false, status = 0 } = {}) {
    super(message);
    this.retryable = retryable;
    this.status = status;
  }
}

const aborted = () => new DOMException("The upload was cancelled.", "AbortError");

/** POST JSON to the portal with the page's antiforgery token; the answer's JSON, or an error in the portal's words. */
async function callPortal(url, token, body, signal, keepalive = false) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", RequestVerificationToken: token },
      body: JSON.stringify(body),
      credentials: "same-origin",
      signal,
      keepalive,
    });
  } catch (error) {
    if (signal?.aborted) throw aborted();
    throw new UploadError("The portal cannot be reached; check the connection and retry.", { retryable: true });
  }
  if (response.status === 204) return null;
  const isJson = (response.headers.get("Content-Type") || "").includes("json");
  if (response.redirected || !isJson) {
    throw new UploadError(response.ok || response.redirected
      ? "Your session has ended: sign in again, then retry."
      : `The portal answered ${response.status}.`, { status: response.status });
  }
  const data = await response.json();
  if (!response.ok) {
    throw new UploadError(data?.detail || `The portal answered ${response.status}.`, { status: response.status, retryable: response.status >= 500 });
  }
  return data;
}

/** Sends a request with XMLHttpRequest (upload progress events); resolves with the finished request. */
function send(method, url, { headers = {}, body = null, signal, onProgress }) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(aborted()); return; }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url, true);
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

/** Runs tasks with at most `limit` at a time; rejects on the first failure (the others are left to the caller's signal). */
async function pool(items, limit, task) {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length > 0) await task(queue.shift());
  });
  await Promise.all(workers);
}

/** Uppy uploader plugin on the portal's upload API (see the class comment at the top of the file). */
class PortalUploader extends BasePlugin {
  #controllers = new Map();

  constructor(uppy, opts) {
    super(uppy, opts);
    this.type = "uploader";
    this.id = "PortalUploader";
  }

  install() {
    this.uppy.addUploader(this.#upload);
    this.uppy.on("file-removed", this.#onRemoved);
  }

  uninstall() {
    this.uppy.removeUploader(this.#upload);
    this.uppy.off("file-removed", this.#onRemoved);
    for (const controller of this.#controllers.values()) controller.abort();
  }

  get busy() { return this.#controllers.size > 0; }

  #upload = async (fileIDs) => {
    const files = this.uppy.getFilesByIds(fileIDs).filter((f) => !f.error && !f.progress?.uploadComplete);
    this.uppy.emit("upload-start", files);
    await pool(files, this.opts.parallelFiles, (file) => this.#uploadOne(file.id).catch(() => {}));
  };

  #onRemoved = (file) => {
    this.#controllers.get(file.id)?.abort();
    this.#controllers.delete(file.id);
    // A removed file's multipart upload is aborted so that no part stays behind in the storage.
    const started = file.portalUpload;
    if (started) this.#cancel(started);
  };

  #cancel(started) {
    callPortal(this.opts.urls.cancel, this.opts.token, { key: started.key, uploadId: started.uploadId }, undefined, true)
      .catch((error) => this.uppy.log(`Aborting ${started.key} failed: ${error.message}`, "warning"));
  }

  async #uploadOne(id) {
    const file = this.uppy.getFile(id);
    if (!file) return;
    const controller = new AbortController();
    this.#controllers.set(id, controller);
    const progress = (bytesUploaded) => {
      const current = this.uppy.getFile(id);
      if (!current || controller.signal.aborted) return;
      this.uppy.emit("upload-progress", current, {
        uploadStarted: current.progress.uploadStarted ?? Date.now(),
        bytesUploaded,
        bytesTotal: current.size,
      });
    };
    try {
      const stored = this.opts.mode === "stream"
        ? await this.#stream(file, controller.signal, progress)
        : file.size >= this.opts.threshold
          ? await this.#multipart(file, controller.signal, progress)
          : await this.#put(file, controller.signal, progress);
      const current = this.uppy.getFile(id);
      if (!current) return;
      this.uppy.setFileState(id, { portalUpload: null });
      this.uppy.emit("upload-success", current, { status: 200, body: stored, uploadURL: undefined });
      document.body.dispatchEvent(new CustomEvent("hikube:uploaded", { bubbles: true, detail: { key: stored.key } }));
    } catch (error) {
      if (error?.name === "AbortError" || !this.uppy.getFile(id)) return;
      this.uppy.emit("upload-error", this.uppy.getFile(id), this.#explain(error));
      throw error;
    } finally {
      this.#controllers.delete(id);
    }
  }

  #explain(error) {
    if (error instanceof UploadError && error.message === "network") {
      return new Error(this.opts.mode === "direct"
        ? "The storage cannot be reached from this browser (network or CORS). Retry, or ask an administrator to send uploads through the portal (Uploads:Direct=false)."
        : "The connection to the portal was lost; retry.");
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  #newFile(file) {
    return { prefix: this.opts.prefix, path: relativePath(file), size: file.size, contentType: file.type || null };
  }

  async #put(file, signal, progress) {
    const signed = await callPortal(this.opts.urls.put, this.opts.token, this.#newFile(file), signal);
    const xhr = await send(signed.method, signed.url, { headers: signed.headers, body: file.data, signal, onProgress: progress });
    if (xhr.status < 200 || xhr.status >= 300) throw storageRefused(xhr);
    progress(file.size);
    return { key: signed.key, etag: xhr.getResponseHeader("ETag"), size: file.size };
  }

  async #stream(file, signal, progress) {
    const query = new URLSearchParams({ prefix: this.opts.prefix, path: relativePath(file) });
    if (file.type) query.set("type", file.type);
    const xhr = await send("POST", `${this.opts.urls.stream}?${query}`, {
      headers: { "Content-Type": "application/octet-stream", RequestVerificationToken: this.opts.token },
      body: file.data,
      signal,
      onProgress: progress,
    });
    let data = null;
    try { data = JSON.parse(xhr.responseText); } catch { /* not JSON: an error page */ }
    if (xhr.status < 200 || xhr.status >= 300 || !data) {
      throw new UploadError(data?.detail || `The portal answered ${xhr.status}.`, { status: xhr.status });
    }
    return data;
  }

  async #multipart(file, signal, progress) {
    const { urls, token } = this.opts;
    const etags = new Map();
    let started = this.uppy.getFile(file.id)?.portalUpload;
    if (started) {
      // A retry resumes: the parts the storage already holds are not sent again.
      try {
        const listed = await callPortal(urls.listParts, token, { key: started.key, uploadId: started.uploadId }, signal);
        for (const part of listed.parts) {
          if (part.size === partLength(started, part.partNumber, file.size)) etags.set(part.partNumber, part.etag);
        }
      } catch (error) {
        if (error?.name === "AbortError") throw error;
        started = null;
      }
    }
    if (!started) {
      started = await callPortal(urls.start, token, this.#newFile(file), signal);
      if (signal.aborted || !this.uppy.getFile(file.id)) {
        this.#cancel(started);
        throw aborted();
      }
      this.uppy.setFileState(file.id, { portalUpload: started });
    }

    const inFlight = new Map();
    let doneBytes = [...etags.keys()].reduce((sum, n) => sum + partLength(started, n, file.size), 0);
    const report = () => progress(doneBytes + [...inFlight.values()].reduce((a, b) => a + b, 0));
    report();

    const signedUrls = new Map();
    const remaining = [];
    for (let n = 1; n <= started.partCount; n++) if (!etags.has(n)) remaining.push(n);
    let signing = Promise.resolve();
    const urlFor = async (n) => {
      // Parts are signed in batches, one batch request at a time, just before they are needed.
      await (signing = signing.then(async () => {
        if (signedUrls.has(n)) return;
        const batch = remaining.filter((p) => p >= n && !signedUrls.has(p)).slice(0, this.opts.partsInFlight * 4);
        const answer = await callPortal(urls.parts, token, { key: started.key, uploadId: started.uploadId, parts: batch }, signal);
        for (const part of answer.parts) signedUrls.set(part.partNumber, part.url);
      }).catch((error) => { signing = Promise.resolve(); throw error; }));
      return signedUrls.get(n);
    };

    const failure = new AbortController();
    const partSignal = AbortSignal.any([signal, failure.signal]);
    const uploadPart = async (n) => {
      const from = (n - 1) * started.partSize;
      const blob = file.data.slice(from, from + partLength(started, n, file.size));
      for (let attempt = 1; ; attempt++) {
        try {
          const url = await urlFor(n);
          const xhr = await send("PUT", url, {
            body: blob,
            signal: partSignal,
            onProgress: (loaded) => { inFlight.set(n, loaded); report(); },
          });
          if (xhr.status === 403) signedUrls.delete(n); // expired: sign again
          if (xhr.status < 200 || xhr.status >= 300) throw storageRefused(xhr);
          const etag = xhr.getResponseHeader("ETag");
          if (!etag) {
            throw new UploadError("The storage did not show the part's ETag: its CORS rule must expose the ETag header.");
          }
          etags.set(n, etag);
          inFlight.delete(n);
          doneBytes += blob.size;
          report();
          return;
        } catch (error) {
          inFlight.delete(n);
          if (error?.name === "AbortError" || !error?.retryable || attempt >= 4) throw error;
          await sleep(1000 * attempt, partSignal);
        }
      }
    };
    try {
      await pool(remaining, this.opts.partsInFlight, uploadPart);
    } catch (error) {
      failure.abort();
      throw error;
    }
    const parts = [...etags.entries()].sort((a, b) => a[0] - b[0]).map(([partNumber, etag]) => ({ partNumber, etag }));
    const stored = await callPortal(urls.complete, token, { key: started.key, uploadId: started.uploadId, parts }, signal);
    return stored;
  }
}

/** The length of part n (1-based) of a file planned in parts of started.partSize. */
function partLength(started, n, size) {
  return Math.max(0, Math.min(started.partSize, size - (n - 1) * started.partSize));
}

function storageRefused(xhr) {
  const message = /<Message>([^<]*)<\/Message>/.exec(xhr.responseText || "")?.[1];
  return new UploadError(`The storage refused the upload (HTTP ${xhr.status}${message ? `: ${message}` : ""}).`,
    { status: xhr.status, retryable: xhr.status >= 500 || xhr.status === 403 });
}

function start(element) {
  const data = element.dataset;
  const token = element.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";
  const uppy = new Uppy({ autoProceed: true, allowMultipleUploadBatches: true });
  const uploader = {
    mode: data.uploadMode === "stream" ? "stream" : "direct",
    prefix: data.uploadPrefix ?? "",
    token,
    threshold: Number(data.uploadThreshold) || 64 * 1024 * 1024,
    parallelFiles: Number(data.uploadParallelFiles) || 3,
    partsInFlight: Number(data.uploadPartsInFlight) || 4,
    urls: {
      put: data.uploadPut,
      start: data.uploadStart,
      parts: data.uploadParts,
      complete: data.uploadComplete,
      cancel: data.uploadCancel,
      listParts: data.uploadListParts,
      stream: data.uploadStream,
    },
  };
  const show = () => { element.hidden = false; element.removeAttribute("data-upload-collapsed"); };
  uppy.use(Dashboard, {
    inline: true,
    target: element.querySelector("[data-upload-dashboard]"),
    width: "100%",
    height: 340,
    showProgressDetails: true,
    proudlyDisplayPoweredByUppy: false,
    fileManagerSelectionType: "both",
    theme: document.documentElement.getAttribute("data-bs-theme") === "dark" ? "dark" : "light",
    note: uploader.prefix ? `Files go into ${uploader.prefix}` : "Files go into the bucket root",
  });
  const dropZone = document.getElementById("object-drop-zone");
  if (dropZone) uppy.use(DropTarget, { target: dropZone, onDrop: show });
  const plugin = uppy.use(PortalUploader, uploader).getPlugin("PortalUploader");
  uppy.on("files-added", show);

  document.getElementById("upload-button")?.addEventListener("click", show);
  element.querySelector("[data-upload-hide]")?.addEventListener("click", () => {
    element.toggleAttribute("data-upload-collapsed");
  });
  window.addEventListener("beforeunload", (event) => {
    if (plugin.busy) event.preventDefault();
  });
  element.uppy = uppy;
  element.setAttribute("data-upload-ready", "true");
}

// Last: the classes above must be initialised before the panel starts.
const panel = document.querySelector("[data-upload-panel]");
if (panel) start(panel);
