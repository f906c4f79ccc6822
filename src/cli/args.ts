/**
 * The command line's options: read by node:util's parseArgs (strict: an unknown option, a switch
 * given a value or an option without its value is an error), then checked and converted here, each
 * problem said in one line.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '../api';

export const HELP = `claimcheck — derive and check the claims in claims/*.md, write reports/index.html

Usage: claimcheck [options]
       claimcheck init [DIR]   start a claims folder (default: claims) with one worked example;
                               DIR must be new or empty

Options:
  --claims DIR     folder of claim files (default: claims)
  --out DIR        report folder (default: reports)
  --seed N         seed of every random check (default: ${DEFAULTS.seed})
  --count N        random instances per numeric check (default: ${DEFAULTS.count})
  --only LIST      comma-separated claim ids, id prefixes ending in '.', or file names
  --json           print a JSON summary on stdout instead of the text lines
  --workers N      worker threads (default: ${DEFAULTS.workers})
  --timeout S      seconds per claim before it is 'not checked: timed out' (default: ${DEFAULTS.timeoutMs / 1000})
  --no-report      do not write the report
  --junit FILE     also write a JUnit XML file (one test case per claim)
  --since REV      only the claims in files changed since git revision REV (and, with --only,
                   only those of them it selects)
  --changed-only   only the claims in files with uncommitted changes
  --watch          re-check claims whose files change; rewrite the report; show changed verdicts
  --no-cache       check every claim and typeset every formula again (by default unchanged
                   claims and formulas typeset before are reused from .cache/claimcheck)
  --replay ID      re-check one refuted check of claim ID and print its counterexample
                   (no report); with --check K (from 1; default: the first refuted) and
                   --instance N (the instance the counterexample must be at), and the
                   --seed and --count of the run that found it
  --version        the version of claimcheck
  -h, --help       this text

Exit status: 0 every verdict is the expected one; 1 a verdict differs from its claim's
"expect"; 2 a claim file is in error; 3 bad usage; 4 internal error.`;

export interface Args {
  claims: string;
  out: string;
  seed: number;
  count: number;
  only?: string[];
  /** --since: the claim files changed. */
  files?: string[];
  json: boolean;
  workers: number;
  timeoutMs: number;
  report: boolean;
  junit?: string;
  since?: string;
  watch: boolean;
  cache: boolean;
  replay?: string;
  /** --check, from 1 as printed. */
  check?: number;
  instance?: number;
}

const OPTIONS = {
  claims: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  count: { type: 'string' },
  only: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  workers: { type: 'string' },
  timeout: { type: 'string' },
  'no-report': { type: 'boolean' },
  junit: { type: 'string' },
  since: { type: 'string' },
  'changed-only': { type: 'boolean' },
  watch: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  replay: { type: 'string' },
  check: { type: 'string' },
  instance: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

class UsageError extends Error {}

/** parseArgs's own errors, said as this command says them. */
function usageOf(e: Error & { code?: string }): string {
  // ('-h, --help' is named by its long form.)
  const option = /'(?:-\w, )?(-[^' <]+)/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(e.message) ? `${option} takes no value` : `${option} needs a value`;
    default:
      return e.message;
  }
}

/** A value given after an option's own (--only a b): said as that, not as an unknown option. */
function strayValue(tokens: ReturnType<typeof parse>['tokens']): string | undefined {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'positional') continue;
    const before = tokens[k - 1];
    if (before?.kind === 'option' && before.value !== undefined && !before.inlineValue)
      return `${before.rawName} takes one value, and "${t.value}" follows it${before.rawName === '--only' ? ': select several claims with commas (--only a,b) or --only again' : ''}`;
    return `unknown option ${t.value}`;
  }
  return undefined;
}

function wholeNumber(flag: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs a whole number ≥ ${min}, got "${v}"`);
  return n;
}

const parse = (argv: string[]) =>
  parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });

export type ReadArgs = { args: Args } | { show: 'help' | 'version' } | { problem: string };

/** The options, or a request for the help or the version, or what is wrong with them. */
export function readArgs(argv: string[]): ReadArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    return { problem: usageOf(e as Error) };
  }
  const stray = strayValue(parsed.tokens);
  if (stray) return { problem: stray };
  const v = parsed.values;
  if (v.help) return { show: 'help' };
  if (v.version) return { show: 'version' };
  try {
    const since = v['changed-only'] ? 'HEAD' : v.since;
    const only = v.only?.flatMap((o) =>
      o
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    const check = wholeNumber('--check', v.check, 1);
    const instance = wholeNumber('--instance', v.instance, 0);
    const args: Args = {
      claims: v.claims ?? 'claims',
      out: v.out ?? 'reports',
      seed: wholeNumber('--seed', v.seed, 0) ?? DEFAULTS.seed,
      count: wholeNumber('--count', v.count, 1) ?? DEFAULTS.count,
      json: v.json ?? false,
      workers: wholeNumber('--workers', v.workers, 0) ?? DEFAULTS.workers,
      timeoutMs: (wholeNumber('--timeout', v.timeout, 1) ?? DEFAULTS.timeoutMs / 1000) * 1000,
      report: !v['no-report'],
      watch: v.watch ?? false,
      cache: !v['no-cache'],
      ...(only ? { only } : {}),
      ...(v.junit !== undefined ? { junit: v.junit } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(v.replay !== undefined ? { replay: v.replay } : {}),
      ...(check !== undefined ? { check } : {}),
      ...(instance !== undefined ? { instance } : {}),
    };
    return { args };
  } catch (e) {
    if (e instanceof UsageError) return { problem: e.message };
    throw e;
  }
}

/** What can be known to be wrong before any claim is checked (so a long run does not end in a crash). */
export function usageProblem(args: Args): string | undefined {
  if (!existsSync(args.claims) || !statSync(args.claims).isDirectory())
    return `--claims ${args.claims}: no such folder`;
  if (args.report && existsSync(args.out) && !statSync(args.out).isDirectory())
    return `--out ${args.out}: exists and is not a folder`;
  if (args.junit) {
    if (existsSync(args.junit) && statSync(args.junit).isDirectory()) return `--junit ${args.junit}: is a folder`;
    try {
      mkdirSync(dirname(resolve(args.junit)), { recursive: true });
    } catch (e) {
      return `--junit ${args.junit}: cannot create its folder (${(e as Error).message})`;
    }
  }
  if (args.watch && args.json) return '--json and --watch do not go together (watch mode talks to the terminal)';
  if (args.replay === undefined && (args.check !== undefined || args.instance !== undefined))
    return `${args.check !== undefined ? '--check' : '--instance'} goes with --replay ID`;
  if (args.replay !== undefined) {
    const other = [
      args.only && '--only',
      args.since && (args.since === 'HEAD' ? '--since or --changed-only' : '--since'),
      args.watch && '--watch',
      args.junit && '--junit',
    ].filter(Boolean);
    if (other.length) return `--replay re-checks one claim and does not go with ${other.join(', ')}`;
  }
  return undefined;
}

/** The version in the package.json above this module (src/cli/ when run from source, dist/ when built). */
export function version(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(up, import.meta.url)), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'claimcheck' && pkg.version) return pkg.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}
