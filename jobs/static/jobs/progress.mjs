// Progressive enhancement of jobs/_progress.html: poll the job's status and update the bar in place.
// Without this file the page refreshes itself (a <noscript> meta refresh) and has a refresh link.
const POLL_MS = 1000;
const box = document.getElementById("job-progress");

function text(id, value) {
  const element = document.getElementById(id);
  if (element && element.textContent !== value) element.textContent = value;
}

function number(n) {
  return n.toLocaleString("en-GB");
}

function showProgress(data) {
  const bar = document.getElementById("job-progress-bar");
  const total = data.total || 100;
  bar.max = total;
  bar.value = data.status === "succeeded" ? total : (data.total ? data.done : data.percent);
  bar.textContent = `${data.percent}%`;
  text("job-progress-count",
    data.total ? `${number(data.done)} of ${number(data.total)} done (${data.percent}%)` : `${data.percent}% done`);
  const tag = document.getElementById("job-status-tag");
  tag.className = "govuk-tag " + ({ succeeded: "govuk-tag--green", failed: "govuk-tag--red" }[data.status] || "govuk-tag--blue");
  text("job-status-tag", data.status_label);
  text("job-stage", data.stage);
  // A job no worker has picked up within a minute says why (the worker is not running, or is busy).
  text("job-notice-text", data.notice || "");
  document.getElementById("job-notice")?.toggleAttribute("hidden", !data.notice);
}

// Once the job has finished, bring in the parts of the page that depend on how it ended (the result
// link or the reason it failed, the retry button, an import's problems) without reloading the page.
async function showOutcome() {
  const response = await fetch(window.location.href, { credentials: "same-origin" });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
  for (const id of ["job-outcome", "job-actions", "job-details"]) {
    const here = document.getElementById(id);
    const there = fresh.getElementById(id);
    if (here && there) here.innerHTML = there.innerHTML;
  }
  document.getElementById("job-refresh")?.remove();
  box.dataset.jobStatus = box.dataset.jobFinal;
}

async function poll() {
  let data;
  try {
    const response = await fetch(box.dataset.jobStatusUrl, {
      credentials: "same-origin", headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(String(response.status));
    data = await response.json();
  } catch {
    window.setTimeout(poll, POLL_MS * 3); // a blip (a restart, a busy database): try again later
    return;
  }
  showProgress(data);
  if (!data.finished) {
    window.setTimeout(poll, POLL_MS);
    return;
  }
  box.dataset.jobFinal = data.status;
  if (data.status === "succeeded" && box.dataset.jobFollow === "true" && data.url) {
    window.location.assign(data.url);
    return;
  }
  await showOutcome();
}

if (box && !["succeeded", "failed"].includes(box.dataset.jobStatus)) {
  document.getElementById("job-refresh")?.setAttribute("hidden", "");
  window.setTimeout(poll, POLL_MS / 2);
}
