import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OpsHandler, sendError } from './ops-http.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The token a request presents: `Authorization: Bearer <token>` (curl, scripts) or HTTP Basic with
 * the token as the password (browsers, for the queue view; any user name).
 */
function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (bearer !== undefined) return bearer;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header)?.[1];
  if (basic === undefined) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/**
 * Wraps a handler so it runs only with OPS_TOKEN. Missing and wrong tokens are both 401 with a
 * JSON error saying which; the comparison takes the same time whatever the token. `browser`
 * routes also challenge with Basic so a browser asks for the token.
 */
export function requireOpsToken(
  token: string,
  handler: OpsHandler,
  options: { browser?: boolean } = {},
): OpsHandler {
  const expected = digest(token);
  const challenge: Record<string, string> = options.browser
    ? { 'www-authenticate': 'Basic realm="careerplan ops", charset="UTF-8"' }
    : { 'www-authenticate': 'Bearer realm="careerplan ops"' };
  return (req: IncomingMessage, res: ServerResponse) => {
    const presented = presentedToken(req);
    if (presented === undefined) {
      sendError(res, 401, 'missing_token', 'send OPS_TOKEN as "Authorization: Bearer <token>"', challenge);
      return;
    }
    if (!timingSafeEqual(digest(presented), expected)) {
      sendError(res, 401, 'invalid_token', 'the token does not match OPS_TOKEN', challenge);
      return;
    }
    handler(req, res);
  };
}
