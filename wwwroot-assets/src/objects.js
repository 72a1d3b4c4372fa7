// The object browser's keyboard and downloads: what the browser must do itself (the page is Blazor).

/** Submits a form (a zip of the selection): the answer is a download, the page stays where it is. */
export function postForm(url, fields) {
  const form = document.createElement("form");
  form.method = "post";
  form.action = url;
  form.hidden = true;
  for (const [name, values] of Object.entries(fields)) {
    for (const value of [].concat(values)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
  }
  document.body.appendChild(form);
  form.submit();
  setTimeout(() => form.remove(), 1000);
}

/** Starts a download from a link (one object: the portal answers with a redirect to a short-lived link). */
function follow(url) {
  const link = document.createElement("a");
  link.href = url;
  // A download link: Blazor's router leaves it alone (without this it took the click as a navigation in the page).
  link.download = "";
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * Downloads one object. With `ranged` ({ plan, key, token }: the portal's download-plan API), a large object comes by
 * ranges fetched in parallel straight from the storage: the portal's service worker (download-worker.js) answers a
 * hidden frame's navigation with the file, assembled in order. Anything that fails before the first byte (no service
 * worker, a small object, CORS refused, the worker missing) falls back to `url`, the portal's download route (one
 * presigned link). `dotnet` hears of a ranged download that failed later (OnDownloadFailed).
 * The page's <html> says how the last download went (data-download: ranged, link), for the end-to-end tests.
 */
export async function download(url, ranged, dotnet) {
  let plan = null;
  if (ranged && navigator.serviceWorker && window.ReadableStream) {
    try {
      plan = await askPlan(ranged);
    } catch {
      plan = null;
    }
  }
  if (plan?.mode === "ranged") {
    try {
      await startRanged(plan, url, ranged, dotnet);
      return;
    } catch {
      // the worker could not take it: the plain link below
    }
  }
  document.documentElement.dataset.download = "link";
  follow(url);
}

async function askPlan(ranged) {
  const response = await fetch(ranged.plan, {
    method: "POST",
    headers: { "Content-Type": "application/json", RequestVerificationToken: ranged.token },
    body: JSON.stringify({ key: ranged.key }),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`plan: ${response.status}`);
  return response.json();
}

let worker = null;

/** The active download worker, installed (again, when its URL changed) on first use. */
function downloadWorker(script) {
  if (worker?.script !== script) {
    const base = document.baseURI;
    const ready = (async () => {
      const registration = await navigator.serviceWorker.register(new URL(script, base), {
        scope: new URL("app/dl/", base).pathname, updateViaCache: "none",
      });
      const candidate = registration.installing ?? registration.waiting ?? registration.active;
      if (candidate.state !== "activated") {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("the download worker did not start")), 10000);
          candidate.addEventListener("statechange", () => {
            if (candidate.state === "activated") { clearTimeout(timer); resolve(); }
            if (candidate.state === "redundant") { clearTimeout(timer); reject(new Error("the download worker was replaced")); }
          });
        });
      }
      return registration.active;
    })();
    worker = { script, ready };
    ready.catch(() => { if (worker?.ready === ready) worker = null; });
  }
  return worker.ready;
}

/** Hands the plan to the worker (it answers "ready"), then opens the worker's URL for it in a hidden frame. */
async function startRanged(plan, fallback, ranged, dotnet) {
  const active = await downloadWorker(plan.worker);
  const id = crypto.randomUUID();
  const channel = new MessageChannel();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the download worker did not answer")), 5000);
    channel.port1.onmessage = (event) => {
      if (event.data?.type === "ready") { clearTimeout(timer); resolve(); }
    };
    active.postMessage({
      type: "download", id, plan,
      renew: { url: new URL(ranged.plan, document.baseURI).href, key: ranged.key, token: ranged.token },
    }, [channel.port2]);
  });
  const frame = document.createElement("iframe");
  frame.hidden = true;
  frame.title = "download";
  // Only a random id and the file's name travel in the frame's address, never the link.
  frame.src = new URL(`app/dl/${id}/${encodeURIComponent(plan.name)}`, document.baseURI).href;
  // The worker lives while it gets events: the page keeps it awake until the download ends.
  const keepAlive = setInterval(() => active.postMessage({ type: "ping" }), 10000);
  let heard = false;
  const end = () => { clearInterval(keepAlive); clearTimeout(watchdog); channel.port1.close(); setTimeout(() => frame.remove(), 1000); };
  // The worker answers the frame at once with the file or says to fall back; silence means it lost the download.
  const watchdog = setTimeout(() => { if (!heard) { end(); document.documentElement.dataset.download = "link"; follow(fallback); } }, 30000);
  channel.port1.onmessage = (event) => {
    const message = event.data ?? {};
    heard = true;
    if (message.type === "started") document.documentElement.dataset.download = "ranged";
    if (message.type === "fallback") {
      // Before any byte: the plain link, from the page (a frame may not navigate to the storage: CSP frame-src).
      document.documentElement.dataset.download = "link";
      follow(fallback);
    }
    if (message.type === "done") {
      document.documentElement.dataset.downloadSeconds = `${message.seconds.toFixed(1)} s, ${message.waitedSeconds.toFixed(1)} s waiting for ranges`;
    }
    if (message.type === "failed") dotnet?.invokeMethodAsync("OnDownloadFailed", plan.name, message.reason).catch(() => {});
    if (["done", "failed", "fallback", "cancelled"].includes(message.type)) end();
  };
  document.body.appendChild(frame);
}

const keys = new Set(["ArrowDown", "ArrowUp", "Home", "End", "PageDown", "PageUp", "Enter", " ", "Backspace"]);

/**
 * The listing's keyboard: arrows, Home/End and PageUp/PageDown move between rows (rows are virtualised: a row
 * scrolled out is brought into view first), Enter opens, Space selects, Backspace goes up a folder.
 * Rows carry data-index; the grid element carries data-row-count and data-row-height.
 */
export function attachGrid(grid, dotnet) {
  const rowAt = (index) => grid.querySelector(`tr[data-index="${index}"]`);
  const current = () => Number(document.activeElement?.closest?.("tr[data-index]")?.dataset.index ?? -1);
  const onKey = (event) => {
    if (!keys.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const row = event.target.closest?.("tr[data-index]");
    // Keys typed into the row's controls (menus, checkboxes) keep their meaning, except the arrows.
    const onControl = event.target !== row;
    if (!row || (onControl && !event.key.startsWith("Arrow"))) return;
    event.preventDefault();
    const index = Number(row.dataset.index);
    const count = Number(grid.dataset.rowCount);
    const page = Math.max(1, Math.floor(window.innerHeight / Number(grid.dataset.rowHeight)) - 2);
    const target = {
      ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: count - 1, PageDown: index + page, PageUp: index - page,
    }[event.key];
    if (target !== undefined) {
      focusRow(grid, Math.max(0, Math.min(count - 1, target)));
    } else if (event.key === "Enter") {
      dotnet.invokeMethodAsync("OpenRow", index);
    } else if (event.key === " ") {
      dotnet.invokeMethodAsync("ToggleRow", index);
    } else if (event.key === "Backspace") {
      dotnet.invokeMethodAsync("GoUp");
    }
  };
  const onFocus = (event) => {
    const row = event.target.closest?.("tr[data-index]");
    if (!row) return;
    for (const other of grid.querySelectorAll("tr[data-index][tabindex='0']")) if (other !== row) other.tabIndex = -1;
    row.tabIndex = 0;
  };
  grid.addEventListener("keydown", onKey);
  grid.addEventListener("focusin", onFocus);
  return { detach: () => { grid.removeEventListener("keydown", onKey); grid.removeEventListener("focusin", onFocus); }, current };
}

/** Focuses row `index`, scrolling it into view and waiting until the virtualised list has rendered it. */
export async function focusRow(grid, index) {
  let row = grid.querySelector(`tr[data-index="${index}"]`);
  if (!row) {
    const body = grid.querySelector("tbody");
    const top = body.getBoundingClientRect().top + window.scrollY + index * Number(grid.dataset.rowHeight);
    window.scrollTo({ top: Math.max(0, top - window.innerHeight / 2) });
    for (let i = 0; i < 60 && !row; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      row = grid.querySelector(`tr[data-index="${index}"]`);
    }
  }
  if (row) {
    row.focus({ preventScroll: false });
    row.scrollIntoView({ block: "nearest" });
  }
}
