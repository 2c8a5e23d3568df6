/**
 * careerplan as production runs it: `node --import tsx src/main.ts <role>` in its own process.
 * Used by multi-process tests and the fault drill; the process logs JSON lines at info level,
 * which are kept so a caller can wait for one ("careerplan started") or count them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface AppProcess {
  readonly child: ChildProcess;
  readonly name: string;
  /** JSON log lines parsed so far (non-JSON output lands in `stray`). */
  readonly lines: Array<Record<string, unknown>>;
  /** Output that was not a JSON log line (stack traces, library warnings). */
  readonly stray: string[];
  /** Resolves once the process logged "careerplan started"; rejects if it exits first. */
  readonly started: Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The port the process listens on (after `started`). */
  port(): number;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startAppProcess(
  name: string,
  role: 'web' | 'worker' | 'all',
  env: Record<string, string>,
): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', role], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const stray: string[] = [];
  let port = 0;
  let onStarted: () => void = () => {};
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = new Promise<void>((resolve, reject) => {
    onStarted = resolve;
    void exited.then(({ code, signal }) =>
      reject(new Error(`${name} exited before starting (code ${code}, signal ${signal}): ${stray.join('')}`)),
    );
  });
  started.catch(() => {});
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const text of parts) {
        if (text.trim() === '') continue;
        try {
          const line = JSON.parse(text) as Record<string, unknown>;
          lines.push(line);
          if (line.msg === 'careerplan started') {
            port = Number(line.port);
            onStarted();
          }
        } catch {
          stray.push(`${text}\n`);
        }
      }
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  return {
    child,
    name,
    lines,
    stray,
    started,
    exited,
    port: () => port,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
