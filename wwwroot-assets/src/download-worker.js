// The portal's download worker (a service worker, scope app/dl/): a large object comes as ranges of its presigned link
// fetched in parallel straight from the storage, and leaves as one file, in order, through a hidden frame's navigation
// the worker answers (Content-Disposition: attachment). Memory stays bounded: at most `rangesInFlight` ranges are
// fetched or waiting at a time. The page hands over each download by message (the link never travels in an address),
// and keeps the worker awake with pings while it runs. A range that fails is fetched again a few times, with a fresh
// link when the old one expired; then the download fails (the browser's download list says so, and the page is told).
// Nothing here logs a link.
"use strict";

const retries = 4;
const jobs = new Map();

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  const data = event.data ?? {};
  if (data.type !== "download" || !event.ports[0]) return; // pings only keep the worker awake
  const port = event.ports[0];
  jobs.set(data.id, { plan: data.plan, renew: data.renew, port });
  // A download the frame never asked for is forgotten.
  setTimeout(() => jobs.delete(data.id), 60000);
  port.postMessage({ type: "ready" });
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const scope = new URL("dl/", self.location.href).pathname;
  if (url.origin !== self.location.origin || !url.pathname.startsWith(scope)) return;
  const id = url.pathname.slice(scope.length).split("/")[0];
  const job = jobs.get(id);
  jobs.delete(id);
  if (!job) {
    event.respondWith(new Response(null, { status: 204 }));
    return;
  }
  event.respondWith(respond(job));
});

/** The file's response once the first range's headers came back well; before that, any failure means "fall back". */
async function respond(job) {
  const download = new RangedDownload(job.plan, job.renew);
  try {
    await download.begin();
  } catch {
    download.abort();
    job.port.postMessage({ type: "fallback" });
    return new Response(null, { status: 204 });
  }
  job.port.postMessage({ type: "started" });
  return new Response(download.stream(job.port), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(job.plan.size),
      "Content-Disposition": job.plan.disposition,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

class RangedDownload {
  #plan;
  #renewal;
  #url;
  #next = 0;
  #queue = [];
  #first = null;
  #aborter = new AbortController();
  #renewing = null;

  constructor(plan, renew) {
    this.#plan = plan;
    this.#renewal = renew;
    this.#url = plan.url;
  }

  /** Starts the first ranges; resolves once the first one answered 206 from the same object (no body read yet). */
  async begin() {
    const [from, to] = [0, Math.min(this.#plan.size, this.#plan.rangeSize) - 1];
    this.#next = to + 1;
    // Two tries only: a CORS refusal or a missing object will not change, and the plain link is waiting.
    this.#first = await this.#attempt(() => this.#head(from, to), 2);
    this.#queue.push(this.#range(from, to, this.#first));
    this.#fill();
  }

  abort() {
    this.#aborter.abort();
  }

  /** The file, range after range in order; the next ranges are fetched while one is written. */
  stream(port) {
    // Where the time goes: waiting for the storage (the next range not there yet) or for the browser to write.
    const started = performance.now();
    let waited = 0;
    return new ReadableStream({
      pull: async (controller) => {
        const next = this.#queue.shift();
        this.#fill();
        try {
          const before = performance.now();
          const chunks = await next;
          waited += performance.now() - before;
          for (const chunk of chunks) controller.enqueue(chunk);
        } catch (error) {
          this.abort();
          port.postMessage({ type: "failed", reason: reasonOf(error) });
          controller.error(error);
          return;
        }
        if (this.#queue.length === 0) {
          controller.close();
          port.postMessage({ type: "done", seconds: (performance.now() - started) / 1000, waitedSeconds: waited / 1000 });
        }
      },
      cancel: () => {
        this.abort();
        port.postMessage({ type: "cancelled" });
      },
    });
  }

  /** Keeps `rangesInFlight` ranges fetched or waiting, never more. */
  #fill() {
    const { size, rangeSize, rangesInFlight } = this.#plan;
    while (this.#queue.length < rangesInFlight && this.#next < size) {
      const from = this.#next;
      const to = Math.min(size, from + rangeSize) - 1;
      this.#next = to + 1;
      const range = this.#range(from, to, null);
      range.catch(() => {}); // its failure is reported when its turn comes
      this.#queue.push(range);
    }
  }

  /** One range's bytes: fetched again on failure, up to `retries` times. */
  #range(from, to, answered) {
    let response = answered;
    return this.#attempt(async () => {
      const current = response ?? await this.#head(from, to);
      response = null;
      // The chunks as the network hands them over, kept as they are (no copy into one buffer).
      const chunks = [];
      let length = 0;
      const reader = current.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        chunks.push(read.value);
        length += read.value.byteLength;
      }
      if (length !== to - from + 1) throw new Error("the storage sent a short range");
      return chunks;
    });
  }

  /** The response to one range, checked: 206 (200 only for the whole object) from the object the plan named. */
  async #head(from, to) {
    let response = await this.#fetch(from, to);
    if (response.status === 403 && this.#renewal) {
      // The link expired (it lives a few minutes): a fresh one from the portal, then once more.
      await this.#renew();
      response = await this.#fetch(from, to);
    }
    const whole = from === 0 && to === this.#plan.size - 1;
    if (!(response.status === 206 || (whole && response.status === 200))) {
      throw new Error(`the storage answered ${response.status}`);
    }
    const etag = response.headers.get("ETag");
    if (this.#plan.etag && etag && etag !== this.#plan.etag) {
      throw new Changed();
    }
    return response;
  }

  #fetch(from, to) {
    return fetch(this.#url, {
      headers: { Range: `bytes=${from}-${to}` },
      mode: "cors",
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: this.#aborter.signal,
    });
  }

  /** Runs `action` until it works, `retries` times at most, waiting longer each time; never after an abort or a change. */
  async #attempt(action, times = retries) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (this.#aborter.signal.aborted || error instanceof Changed || attempt >= times) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
    }
  }

  /** A fresh link for the same object (one request for all the ranges that found theirs expired). */
  #renew() {
    this.#renewing ??= (async () => {
      const { url, key, token } = this.#renewal;
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", RequestVerificationToken: token },
        body: JSON.stringify({ key }),
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`the portal answered ${response.status} for a fresh link`);
      const plan = await response.json();
      if (plan.mode !== "ranged" || plan.size !== this.#plan.size || plan.etag !== this.#plan.etag) throw new Changed();
      this.#url = plan.url;
    })().finally(() => setTimeout(() => { this.#renewing = null; }, 1000));
    return this.#renewing;
  }
}

/** The object changed (or vanished) while it was downloaded: fetching again cannot help. */
class Changed extends Error {
  constructor() {
    super("the object changed on the storage during the download");
  }
}

function reasonOf(error) {
  return error instanceof Changed ? error.message : "the storage stopped answering";
}
