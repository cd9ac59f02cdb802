// Answers a registry's 401 challenge: Basic with stored credentials, or the Bearer token
// flow (ask the realm named in `WWW-Authenticate` for a pull token, anonymously unless
// credentials are allowed to go to that realm's host).

import { basicHeader, type Credentials } from './credentials';
import { authorityOf, request, type RequestLimits } from './http';

/** A parsed `WWW-Authenticate` header. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN_MAX_BYTES = 1024 * 1024;

/** Parses `Scheme key="value",key=value`; undefined when the header has no scheme. */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let p = re.exec(m[2]); p; p = re.exec(m[2])) {
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  }
  return { scheme: m[1].toLowerCase(), params };
}

/**
 * Turns a challenge into an Authorization header value for `registryAuthority`, or
 * explains why it cannot.
 */
export async function answerChallenge(
  challenge: Challenge,
  registryAuthority: string,
  repository: string,
  creds: Credentials | undefined,
  limits: RequestLimits,
): Promise<{ ok: true; value: string } | { ok: false; reason: string }> {
  if (challenge.scheme === 'basic') {
    if (!creds) return { ok: false, reason: `${registryAuthority} requires credentials and none are configured` };
    return { ok: true, value: basicHeader(creds) };
  }
  if (challenge.scheme !== 'bearer') {
    return { ok: false, reason: `${registryAuthority} asks for unsupported authentication ${challenge.scheme}` };
  }
  const realm = challenge.params.realm;
  if (!realm) return { ok: false, reason: `${registryAuthority} sent a Bearer challenge without a realm` };
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return { ok: false, reason: `${registryAuthority} sent an invalid token realm` };
  }
  if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
  url.searchParams.set('scope', challenge.params.scope ?? `repository:${repository}:pull`);
  const realmAuthority = authorityOf(url);
  const useCreds = creds && creds.allowedAuthorities.has(realmAuthority);
  const res = await request(
    {
      method: 'GET',
      url: url.href,
      ...(useCreds ? { authorization: { value: basicHeader(creds), authority: realmAuthority } } : {}),
    },
    { ...limits, maxBytes: TOKEN_MAX_BYTES },
  );
  if (!res.ok) return { ok: false, reason: `token service: ${res.reason}` };
  const { status, body } = res.response;
  if (status !== 200) {
    const withheld = creds && !useCreds ? ` (credentials for ${registryAuthority} are not sent to ${realmAuthority})` : '';
    return { ok: false, reason: `token service ${realmAuthority} answered ${status}${withheld}` };
  }
  try {
    const json = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown };
    const token = typeof json.token === 'string' ? json.token : json.access_token;
    if (typeof token !== 'string' || token === '') throw new Error('no token');
    return { ok: true, value: `Bearer ${token}` };
  } catch {
    return { ok: false, reason: `token service ${realmAuthority} sent no token` };
  }
}
