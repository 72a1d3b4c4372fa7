// The portal's few browser helpers, called from Blazor through JS interop (window.hikube).
// Everything else is Blazor and MudBlazor.
window.hikube = {
  // Theme choice in a cookie, so the next page load renders with it from the first paint.
  // The object browser's former frame reads localStorage: keep both in step.
  setTheme(value) {
    const oneYear = 60 * 60 * 24 * 365;
    document.cookie = `hikube.theme=${encodeURIComponent(value)}; path=/; max-age=${oneYear}; samesite=lax`;
    localStorage.setItem("portal-theme", value === "system" ? "auto" : value);
  },

  // Copies text; answers false when the browser refuses (no permission, insecure context).
  async copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },

  // Saves text as a file (credentials as .env or JSON): nothing goes through a URL.
  saveText(fileName, contentType, text) {
    const url = URL.createObjectURL(new Blob([text], { type: contentType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },

  // Marks the page as interactive (its circuit runs): end-to-end tests wait for it before they click.
  markInteractive() {
    document.documentElement.dataset.interactive = "true";
  },

  // Puts the keyboard focus on an element (after a dialog closes, after a reveal).
  focus(selector) {
    const element = document.querySelector(selector);
    if (element) {
      element.focus();
    }
  },
};

// Static pages (no circuit) copy with <button data-portal-copy="#element-id">: the element's text goes to the clipboard
// and the button says whether it worked.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-portal-copy]");
  const source = button && document.querySelector(button.getAttribute("data-portal-copy"));
  if (!source) {
    return;
  }
  const label = button.querySelector(".mud-button-label") ?? button;
  const text = label.dataset.text ?? label.textContent;
  label.dataset.text = text;
  label.textContent = (await window.hikube.copyText(source.textContent.trim())) ? "Copied" : "Select the text and copy it";
  setTimeout(() => { label.textContent = text; }, 2000);
});
