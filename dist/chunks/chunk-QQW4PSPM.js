import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);

// src/urls/http-url.ts
function parseHttpUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `must be http(s), got ${url.protocol}`;
  if (url.username || url.password) return "must not carry credentials";
  return url;
}
function httpUrlWithoutCredentials(text, what) {
  const url = parseHttpUrl(text);
  if (typeof url === "string") throw new Error(`${what} ${url}`);
  return url;
}

export {
  parseHttpUrl,
  httpUrlWithoutCredentials
};
