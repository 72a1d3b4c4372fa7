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
export function download(url) {
  const link = document.createElement("a");
  link.href = url;
  // A download link: Blazor's router leaves it alone (without this it took the click as a navigation in the page).
  link.download = "";
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
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
