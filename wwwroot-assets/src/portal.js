// The portal's own small enhancements. Every page works without this file.

// Theme: follow the system unless the user chose one (stored in localStorage).
(() => {
  const stored = localStorage.getItem("portal-theme");
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.setAttribute("data-bs-theme", stored ?? (prefersDark ? "dark" : "light"));
})();

document.addEventListener("click", async (event) => {
  const themeButton = event.target.closest("[data-portal-theme]");
  if (themeButton) {
    const theme = themeButton.getAttribute("data-portal-theme");
    localStorage.setItem("portal-theme", theme);
    document.documentElement.setAttribute("data-bs-theme", theme);
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
