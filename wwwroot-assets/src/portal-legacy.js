// The portal's own small enhancements. Every page works without this file.

// Theme: follow the system unless the user chose light or dark (stored in localStorage).
const applyTheme = () => {
  const stored = localStorage.getItem("portal-theme");
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)").matches;
  const theme = stored === "light" || stored === "dark" ? stored : (prefersDark ? "dark" : "light");
  document.documentElement.setAttribute("data-bs-theme", theme);
};
applyTheme();
window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", applyTheme);

// Native <details> menus: close when clicking elsewhere or pressing Escape.
const closeMenus = (except) => {
  document.querySelectorAll("details.portal-menu[open]").forEach((menu) => {
    if (menu !== except) menu.removeAttribute("open");
  });
};
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") closeMenus(null);
});

document.addEventListener("click", async (event) => {
  closeMenus(event.target.closest("details.portal-menu"));
  const themeButton = event.target.closest("[data-portal-theme]");
  if (themeButton) {
    localStorage.setItem("portal-theme", themeButton.getAttribute("data-portal-theme"));
    applyTheme();
    closeMenus(null);
    return;
  }

  // Copy to clipboard: <button data-portal-copy="#element-id"> or data-portal-copy-text="...".
  const copyButton = event.target.closest("[data-portal-copy]");
  if (copyButton) {
    const source = document.querySelector(copyButton.getAttribute("data-portal-copy"));
    const text = source ? (source.value ?? source.textContent) : "";
    try {
      await navigator.clipboard.writeText(text.trim());
      copyButton.setAttribute("data-portal-copied", "true");
      setTimeout(() => copyButton.removeAttribute("data-portal-copied"), 1500);
    } catch {
      copyButton.setAttribute("data-portal-copied", "false");
    }
  }
});

// htmx requests that change something carry the page's antiforgery token (the server checks it like a form's).
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb === "get") return;
  const token = document.querySelector("input[name=__RequestVerificationToken]");
  if (token) event.detail.headers["RequestVerificationToken"] = token.value;
});

// Select all: <input type="checkbox" data-portal-select-all="form-id"> ticks every row's box in that form.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-portal-select-all]");
  if (!all) return;
  const form = document.getElementById(all.getAttribute("data-portal-select-all"));
  form?.querySelectorAll("tbody input[type=checkbox]").forEach((box) => { box.checked = all.checked; });
});
