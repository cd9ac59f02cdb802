// One HTTP exchange with a registry, under the rules that make a lookup safe to run from
// an editor: a deadline per request, a cap on the body size, redirects only to https (or
// to http on loopback when the registry itself is on loopback), and an Authorization
// header that never follows a redirect to another host. Failures come back as values.

import type * as http from 'node:http';
import { isLoopbackHost } from './registry-ref';

/** What one request may do. */
export interface RequestLimits {
  /** Whole-request deadline (connect, headers and body) in milliseconds. */
  timeoutMs: number;
  /** Largest body accepted; a longer one is aborted. */
  maxBytes: number;
  /** Redirects followed at most. */
  maxRedirects?: number;
  /** True when the registry is on loopback: then, and only then, hops to loopback (and http) are allowed. */
  loopbackRegistry: boolean;
}

/** A request to send. */
export interface HttpRequest {
  method: 'GET' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  /** Sent only to this authority (`host[:port]`); dropped on a redirect elsewhere. */
  authorization?: { value: string; authority: string };
}

/** A response that arrived in full within the limits. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

/** Either a response or the reason there is none. */
export type HttpResult = { ok: true; response: HttpResponse } | { ok: false; reason: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** `host[:port]` of a URL, the unit credentials and tokens are bound to. */
export function authorityOf(url: URL): string {
  return url.host.toLowerCase();
}

/**
 * Why a hop to `target` is not allowed, or undefined when it is: https anywhere but on
 * loopback, and loopback (over http or https) only for a registry that is itself there,
 * so a remote registry can send us neither to plain http nor into this machine.
 */
export function refuseUrl(target: URL, loopbackRegistry: boolean): string | undefined {
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return `unsupported URL scheme ${target.protocol}`;
  const loopback = isLoopbackHost(target.hostname);
  if (loopback && !loopbackRegistry) return `a remote registry may not send requests to loopback ${target.host}`;
  if (target.protocol === 'http:' && !loopback) return `plain http is allowed only for loopback registries, not ${target.host}`;
  return undefined;
}

/**
 * Sends a request and follows redirects under the limits. Never throws: every failure
 * is `{ ok: false, reason }`.
 */
export function request(req: HttpRequest, limits: RequestLimits): Promise<HttpResult> {
  return follow(req, limits, (transport, url, headers) => once(transport, req.method, url, headers, limits));
}

/** A response whose body is still to be read, as a stream (a layer blob). */
export interface StreamResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

/** Either a streaming response or the reason there is none. */
export type StreamResult = { ok: true; response: StreamResponse } | { ok: false; reason: string };

/**
 * A GET whose body is streamed, not buffered, under the same redirect and authorization
 * rules as `request`. The deadline covers the headers; the caller reads (or destroys) the body.
 */
export function requestStream(req: HttpRequest, limits: RequestLimits): Promise<StreamResult> {
  return follow(req, limits, (transport, url, headers) => openStream(transport, url, headers, limits));
}

/** The redirect loop shared by both kinds of request. */
async function follow<R extends { status: number; headers: http.IncomingHttpHeaders }>(
  req: HttpRequest,
  limits: RequestLimits,
  exchange: (
    transport: Transport,
    url: URL,
    headers: Record<string, string>,
  ) => Promise<{ ok: true; response: R } | { ok: false; reason: string }>,
): Promise<{ ok: true; response: R } | { ok: false; reason: string }> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { ok: false, reason: `invalid URL ${req.url}` };
  }
  const maxRedirects = limits.maxRedirects ?? 5;
  for (let hop = 0; ; hop++) {
    const refused = refuseUrl(url, limits.loopbackRegistry);
    if (refused) {
      return {
        ok: false,
        reason: hop === 0 ? `refused ${url.host}: ${refused}` : `refused redirect to ${url.origin}: ${refused}`,
      };
    }
    const headers: Record<string, string> = { 'user-agent': 'muslcheck', ...req.headers };
    // Credentials and tokens belong to one authority: a redirect to a blob store or CDN
    // elsewhere must not receive them.
    if (req.authorization && req.authorization.authority === authorityOf(url)) {
      headers.authorization = req.authorization.value;
    }
    const result = await exchange(transportFor(url), url, headers);
    if (!result.ok) return result;
    const { response } = result;
    if (!REDIRECTS.has(response.status)) return result;
    const body = (response as { body?: unknown }).body;
    if (body && typeof (body as { destroy?: unknown }).destroy === 'function') (body as { destroy(): void }).destroy();
    const location = response.headers.location;
    if (!location) return { ok: false, reason: `${url.host} answered ${response.status} without a Location` };
    if (hop >= maxRedirects) return { ok: false, reason: `more than ${maxRedirects} redirects from ${req.url}` };
    try {
      url = new URL(location, url);
    } catch {
      return { ok: false, reason: `invalid redirect Location ${location}` };
    }
  }
}

function openStream(transport: Transport, url: URL, headers: Record<string, string>, limits: RequestLimits): Promise<StreamResult> {
  return new Promise((resolve) => {
    const req = transport.request(url, { method: 'GET', headers }, (res) => {
      clearTimeout(timer);
      resolve({ ok: true, response: { status: res.statusCode ?? 0, headers: res.headers, body: res } });
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ ok: false, reason: `${url.host} did not answer ${url.pathname} within ${limits.timeoutMs} ms` });
    }, limits.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `${url.host}: ${err.message}` });
    });
    req.end();
  });
}

/**
 * node:https or node:http, loaded on the first request: lookups are off by default, and loading
 * both (with tls and net) at start-up cost the language server 4 to 7 ms. A synchronous
 * require, because import() fails in code that a vm-based loader runs (test runners, our bundle
 * loader) unless Node is started with an experimental flag.
 */
function transportFor(url: URL): Transport {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return url.protocol === 'https:' ? (require('node:https') as Transport) : (require('node:http') as Transport);
}

type Transport = { request: typeof http.request };

function once(transport: Transport, method: string, url: URL, headers: Record<string, string>, limits: RequestLimits): Promise<HttpResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: HttpResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = transport.request(url, { method, headers }, (res) => {
      const status = res.statusCode ?? 0;
      // Redirect and error bodies are only read for a message; a short cap keeps a
      // hostile server from making us buffer them.
      const cap = status >= 200 && status < 300 ? limits.maxBytes : Math.min(limits.maxBytes, 64 * 1024);
      const declared = Number(res.headers['content-length']);
      if (status >= 200 && status < 300 && Number.isFinite(declared) && declared > cap) {
        req.destroy();
        finish({
          ok: false,
          reason: `${url.host} sent ${declared} bytes for ${url.pathname}, over the limit of ${cap}`,
        });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > cap) {
          req.destroy();
          if (status >= 200 && status < 300) {
            finish({ ok: false, reason: `${url.host} sent more than ${cap} bytes for ${url.pathname}; aborted` });
          } else {
            finish({
              ok: true,
              response: { status, headers: res.headers, body: Buffer.concat(chunks), url: url.href },
            });
          }
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish({ ok: true, response: { status, headers: res.headers, body: Buffer.concat(chunks), url: url.href } }));
      res.on('error', (err) => finish({ ok: false, reason: `${url.host}: ${err.message}` }));
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, reason: `${url.host} did not answer ${url.pathname} within ${limits.timeoutMs} ms` });
    }, limits.timeoutMs);
    req.on('error', (err) => finish({ ok: false, reason: `${url.host}: ${err.message}` }));
    req.end();
  });
}
