// GOV.UK's timeout warning, as progressive enhancement: before the session ends (after
// `data-session-seconds` idle seconds) a dialog offers to stay signed in. Without this script the
// page says how long a session lasts, and a form sent after it ended is kept (portal/typed_work.py).
const dialog = document.getElementById("timeout-warning");
if (dialog && typeof dialog.showModal === "function") {
  const seconds = Number(dialog.dataset.sessionSeconds) || 1800;
  const warnBefore = Math.min(120, Math.floor(seconds / 2));
  const form = dialog.querySelector("form");
  const left = dialog.querySelector("[data-time-left]");
  const heading = dialog.querySelector("h2");
  const signedOut = dialog.querySelector("[data-signed-out]");
  const stayButton = dialog.querySelector("button[type=submit]");
  let warnTimer, endTimer, tick;

  const minutes = (s) => (s > 60 ? `${Math.ceil(s / 60)} minutes` : `${Math.max(s, 0)} seconds`);

  function warn() {
    let remaining = warnBefore;
    left.textContent = minutes(remaining);
    if (!dialog.open) dialog.showModal();
    heading.focus();
    tick = setInterval(() => {
      remaining -= 20;
      left.textContent = minutes(remaining);
    }, 20000);
  }

  function ended() {
    clearInterval(tick);
    signedOut.hidden = false;
    stayButton.hidden = true;
    if (!dialog.open) dialog.showModal();
    heading.focus();
  }

  function start() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tick);
    warnTimer = setTimeout(warn, (seconds - warnBefore) * 1000);
    endTimer = setTimeout(ended, seconds * 1000);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
    if (response.ok) {
      dialog.close();
      start();
    } else {
      ended();
    }
  });
  dialog.addEventListener("cancel", (event) => {
    // Escape means "stay signed in", as the close button of GOV.UK's pattern does.
    event.preventDefault();
    form.requestSubmit();
  });
  dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
  start();
}

// Save as you go, in this browser tab only (sessionStorage, gone when the tab closes): what is
// typed into a long form's text boxes is kept as it is typed, so a dropped connection loses
// nothing. Going back to the page puts it back into any box that is empty. A page that confirms
// something was sent (a success banner), or that no longer has the form, forgets it.
const storeKey = `opensend-typed:${location.pathname}`;
const boxes = Array.from(document.querySelectorAll("main form[method=post] textarea"));
try {
  if (document.querySelector(".govuk-notification-banner--success") || boxes.length === 0) {
    sessionStorage.removeItem(storeKey);
  } else {
    const kept = JSON.parse(sessionStorage.getItem(storeKey) || "{}");
    for (const box of boxes) {
      if (!box.value && kept[box.name]) box.value = kept[box.name];
      box.addEventListener("input", () => {
        const now = JSON.parse(sessionStorage.getItem(storeKey) || "{}");
        now[box.name] = box.value;
        sessionStorage.setItem(storeKey, JSON.stringify(now));
      });
    }
  }
} catch {
  // Storage turned off: the server still keeps a form sent after the session ended.
}
