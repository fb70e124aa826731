// The authx-wasm playground. Uses only the package's public API: init(), AuthX,
// TokenPayload and the error classes. Nothing is sent anywhere: tokens and
// secrets stay in this page.
import { init, AuthX, TokenPayload, AuthXError } from "authx-wasm";

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`playground: no element #${id}`);
  return el;
};

/** "posts:* , profile:read" -> ["posts:*", "profile:read"] */
function parseList(text) {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** 32 random bytes as unpadded base64url (what Python's secrets.token_urlsafe(32) gives). */
function randomSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** 899.8 -> "14 min 59.8 s" */
function formatSeconds(total) {
  const t = Math.abs(total);
  const days = Math.floor(t / 86400);
  const hours = Math.floor((t % 86400) / 3600);
  const minutes = Math.floor((t % 3600) / 60);
  const seconds = (t % 60).toFixed(1);
  const parts = [];
  if (days) parts.push(`${days} d`);
  if (days || hours) parts.push(`${hours} h`);
  if (days || hours || minutes) parts.push(`${minutes} min`);
  parts.push(`${seconds} s`);
  return parts.join(" ");
}

const iso = (date) => (date ? date.toISOString() : "–");

/** Shows an error's name, code and message in `box` (the error's own values, as text). */
function showError(box, err) {
  const isAuthX = err instanceof AuthXError;
  const name = (err && err.name) || "Error";
  const code = (err && err.code) || "(no code)";
  const message = (err && err.message) || String(err);
  const prefix = box.dataset.testid;

  const head = document.createElement("p");
  head.className = "error-head";
  const nameEl = document.createElement("strong");
  nameEl.className = "error-name";
  nameEl.dataset.testid = `${prefix}-name`;
  nameEl.textContent = name;
  const codeEl = document.createElement("code");
  codeEl.className = "error-code";
  codeEl.dataset.testid = `${prefix}-code`;
  codeEl.textContent = code;
  head.append(nameEl, " ", codeEl);

  const msgEl = document.createElement("p");
  msgEl.className = "error-message";
  msgEl.dataset.testid = `${prefix}-message`;
  msgEl.textContent = isAuthX ? message : `unexpected error: ${message}`;

  box.replaceChildren(head, msgEl);
  box.hidden = false;
}

function hide(box) {
  box.hidden = true;
  box.replaceChildren();
}

function setBadge(el, text, tone) {
  el.textContent = text;
  el.dataset.value = text;
  el.className = `badge badge-${tone}`;
}

// ------------------------------------------------------------------ inspect

/** The TokenPayload shown in "Inspect" (null when the box is empty or invalid). */
let current = null;

function decodeCurrent() {
  current = null;
  const token = $("token").value.trim();
  hide($("decode-error"));
  if (!token) {
    $("decoded").hidden = true;
    renderScopes();
    return;
  }
  try {
    current = TokenPayload.decodeUnverified(token);
  } catch (err) {
    $("decoded").hidden = true;
    showError($("decode-error"), err);
    renderScopes();
    return;
  }
  $("header-json").textContent = JSON.stringify(current.header, null, 2);
  $("claims-json").textContent = JSON.stringify(current.toJSON(), null, 2);
  const type = current.type;
  setBadge($("badge-type"), type, type === "refresh" ? "refresh" : "access");
  setBadge($("badge-fresh"), current.fresh ? "fresh" : "not fresh", current.fresh ? "fresh" : "muted");
  $("issued-at").textContent = iso(current.issuedAtDate);
  $("expires-at").textContent = iso(current.expiryDate);
  $("decoded").hidden = false;
  renderCountdown();
  renderScopes();
}

function renderCountdown() {
  if (!current) return;
  const left = current.timeUntilExpiry; // seconds, by the page's clock; undefined without exp
  const out = $("countdown");
  if (left === undefined || left === null) {
    out.textContent = "never (no exp claim)";
    setBadge($("badge-expiry"), "no expiry", "muted");
  } else if (current.isExpired) {
    out.textContent = `expired ${formatSeconds(left)} ago`;
    setBadge($("badge-expiry"), "expired", "bad");
  } else {
    out.textContent = `expires in ${formatSeconds(left)}`;
    setBadge($("badge-expiry"), "not expired", "good");
  }
  out.dataset.seconds = left === undefined || left === null ? "" : String(left);
}

// ------------------------------------------------------------------- scopes

function renderScopes() {
  const required = parseList($("scope-input").value);
  const allRequired = $("scope-all-required").checked;
  $("scope-call").textContent = `hasScopes(${JSON.stringify(required)}, { allRequired: ${allRequired} })`;
  const out = $("scope-result");
  if (!current) {
    out.textContent = "no token";
    out.dataset.value = "";
    out.className = "scope-none";
    return;
  }
  const yes = current.hasScopes(required, { allRequired });
  out.textContent = String(yes);
  out.dataset.value = String(yes);
  out.className = yes ? "scope-yes" : "scope-no";
}

// ------------------------------------------------------------------- create

function selectedKind() {
  return document.querySelector('input[name="create-kind"]:checked').value;
}

function syncFreshBox() {
  const refresh = selectedKind() === "refresh";
  $("create-fresh").disabled = refresh;
}

function createToken(event) {
  event.preventDefault();
  hide($("create-error"));
  const algorithm = $("create-alg").value;
  const secretKey = $("create-secret").value;
  const kind = selectedKind();
  const expiresText = $("create-expires").value.trim();
  const options = {
    uid: $("create-uid").value,
    expiresIn: expiresText === "" ? null : Number(expiresText),
  };
  const scopes = parseList($("create-scopes").value);
  if (scopes.length) options.scopes = scopes;
  if (kind === "access") options.fresh = $("create-fresh").checked;

  let auth;
  let token;
  try {
    auth = new AuthX({ secretKey, algorithm });
    token = kind === "access" ? auth.createAccessToken(options) : auth.createRefreshToken(options);
  } catch (err) {
    showError($("create-error"), err);
    return;
  } finally {
    auth?.free();
  }

  $("created-token").value = token;
  $("created").hidden = false;
  $("token").value = token;
  $("verify-alg").value = algorithm;
  $("verify-secret").value = secretKey;
  $("verify-type").value = kind;
  hide($("verify-ok"));
  hide($("verify-error"));
  decodeCurrent();
}

// ------------------------------------------------------------------- verify

function verifyToken(event) {
  event.preventDefault();
  hide($("verify-ok"));
  hide($("verify-error"));
  const options = {
    type: $("verify-type").value,
    fresh: $("verify-fresh").checked,
    allRequired: $("verify-all-required").checked,
  };
  const scopes = parseList($("verify-scopes").value);
  if (scopes.length) options.scopes = scopes;

  let auth;
  let payload;
  try {
    auth = new AuthX({ secretKey: $("verify-secret").value, algorithm: $("verify-alg").value });
    payload = auth.verifyToken($("token").value.trim(), options);
  } catch (err) {
    showError($("verify-error"), err);
    return;
  } finally {
    auth?.free();
  }

  const box = $("verify-ok");
  const title = document.createElement("strong");
  title.textContent = "Valid";
  let who = `${payload.type} token`;
  if (payload.sub !== undefined) who += ` for ${JSON.stringify(payload.sub)}`;
  who += payload.fresh ? " (fresh)" : " (not fresh)";
  const held = payload.scopes;
  const left = payload.timeUntilExpiry;
  const parts = [
    who,
    held ? `scopes: ${held.join(" ")}` : "no scopes",
    left === undefined || left === null ? "no exp" : `expires in ${formatSeconds(left)}`,
  ];
  const detail = document.createElement("span");
  detail.dataset.testid = "verify-ok-detail";
  detail.textContent = parts.join("; ");
  box.replaceChildren(title, " ", detail);
  box.dataset.sub = payload.sub ?? "";
  box.hidden = false;
}

// -------------------------------------------------------------------- start

async function start() {
  const status = $("status");
  try {
    await init();
  } catch (err) {
    status.textContent = `Could not load the WebAssembly module: ${err && err.message}`;
    status.classList.add("status-bad");
    return;
  }

  $("generate-secret").addEventListener("click", () => {
    $("create-secret").value = randomSecret();
  });
  for (const radio of document.querySelectorAll('input[name="create-kind"]')) {
    radio.addEventListener("change", syncFreshBox);
  }
  $("create-form").addEventListener("submit", createToken);
  $("verify-form").addEventListener("submit", verifyToken);
  $("token").addEventListener("input", () => {
    hide($("verify-ok"));
    hide($("verify-error"));
    decodeCurrent();
  });
  $("scope-input").addEventListener("input", renderScopes);
  $("scope-all-required").addEventListener("change", renderScopes);
  setInterval(renderCountdown, 250);

  syncFreshBox();
  decodeCurrent(); // a token the browser kept in the box across a reload
  $("create-submit").disabled = false;
  $("verify-submit").disabled = false;
  status.textContent = "Ready: authx-wasm loaded in this page.";
  status.classList.add("status-ok");
  document.documentElement.dataset.ready = "true";
}

start();
