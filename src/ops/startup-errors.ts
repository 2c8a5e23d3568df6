/**
 * Start-up failures as one line that names the setting to check. A newcomer who sees "fetch
 * failed" or "ECONNREFUSED" cannot tell which of a dozen variables is wrong; these messages say
 * which step failed, against what, and which variable decides it. Secrets (passwords, tokens) are
 * never part of the message.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

type Explain = (error: unknown) => string;

/** Runs one start-up step; its failure becomes a StartupError whose message `explain` writes. */
export async function startupStep<T>(explain: Explain, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(explain(error));
  }
}

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  data?: { error?: unknown };
}

function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : { message: String(error) };
}

function messageOf(error: unknown): string {
  const e = shape(error);
  return typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
}

/**
 * The first network error code (ECONNREFUSED, ENOTFOUND, …) on the error or what caused it: fetch
 * wraps it in `cause`, @slack/web-api in `original`, and a host with several addresses in an
 * AggregateError's `errors`.
 */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const e = error as { code?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  const nested = [e.cause, e.original, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const inner of nested) {
    const code = networkCode(inner, depth + 1);
    if (code) return code;
  }
  return undefined;
}

/** user@host:port/database, without the password. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    return `${user}${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured server';
  }
}

/** Postgres could not be reached or refused us, while creating or migrating the database. */
export function explainDatabaseError(databaseUrl: string): Explain {
  const where = describeDatabaseUrl(databaseUrl);
  return (error) => {
    const e = shape(error);
    const code = networkCode(error);
    if (code === 'ECONNREFUSED')
      return `could not connect to Postgres at DATABASE_URL (${where}): connection refused; is Postgres running there?`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return `could not connect to Postgres at DATABASE_URL (${where}): the host name does not resolve`;
    if (code === 'ETIMEDOUT')
      return `could not connect to Postgres at DATABASE_URL (${where}): the connection timed out`;
    if (e.code === '28P01' || e.code === '28000')
      return `Postgres refused the user or password in DATABASE_URL (${where}); with docker compose the password is POSTGRES_PASSWORD`;
    if (e.code === '42501')
      return `the user in DATABASE_URL (${where}) may not create the database or its tables: ${messageOf(error)}`;
    return `Postgres at DATABASE_URL (${where}) failed: ${messageOf(error)}`;
  };
}

/** The Slack Web API error code (invalid_auth, …) of a WebClient error, if Slack answered. */
function slackErrorCode(error: unknown): string | undefined {
  const e = shape(error);
  return typeof e.data?.error === 'string' ? e.data.error : undefined;
}

/** auth.test with the bot token, when the app starts. */
export function explainSlackAuthError(slackApiUrl: string, tokenSetting: string): Explain {
  return (error) => {
    const code = slackErrorCode(error);
    if (
      code === 'invalid_auth' ||
      code === 'not_authed' ||
      code === 'account_inactive' ||
      code === 'token_revoked'
    )
      return `Slack refused ${tokenSetting} (${code}): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions again`;
    if (code !== undefined) return `auth.test at SLACK_API_URL (${slackApiUrl}) answered ${code}`;
    return `auth.test at SLACK_API_URL (${slackApiUrl}) failed: ${messageOf(error)}${networkHint(error)}`;
  };
}

/** The innermost cause's message ("bad port", "getaddrinfo ENOTFOUND …"), which fetch hides. */
function rootCause(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const e = error as { cause?: unknown; original?: unknown; message?: unknown };
  const inner = rootCause(e.cause, depth + 1) ?? rootCause(e.original, depth + 1);
  return inner ?? (depth > 0 && typeof e.message === 'string' ? e.message : undefined);
}

function networkHint(error: unknown): string {
  const code = networkCode(error);
  const cause = rootCause(error);
  const detail = code ?? (cause && !messageOf(error).includes(cause) ? cause : undefined);
  return detail
    ? ` (${detail}); check SLACK_API_URL and the network`
    : '; check SLACK_API_URL and the network';
}

/** Opening the HTTP server on PORT or OPS_PORT, or the Socket Mode connection. */
export function explainListenError(setting: string, port: number, socketMode = false): Explain {
  return (error) => {
    const code = networkCode(error);
    if (code === 'EADDRINUSE')
      return `${setting} ${port} is already in use by another process; pick a free port for ${setting}`;
    if (code === 'EACCES')
      return `${setting} ${port} needs privileges this user lacks; use a port above 1023`;
    const slack = slackErrorCode(error);
    if (socketMode && slack !== undefined)
      return `Slack refused SLACK_APP_TOKEN when opening the Socket Mode connection (${slack}): create an app-level token with connections:write`;
    if (socketMode)
      return `could not open the Socket Mode connection (apps.connections.open at SLACK_API_URL): ${messageOf(error)}`;
    return `could not listen on ${setting} ${port}: ${messageOf(error)}`;
  };
}
