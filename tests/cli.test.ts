/**
 * The command line as a user runs it (through tsx, with the real worker pool): exit codes, the
 * JSON summary, the report on disk, determinism of the report, and the time limit.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { claimFile, claimsFolder, edit, realClaimBlock } from './helpers';

const ROOT = new URL('..', import.meta.url).pathname;
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function run(args: string[], cwd?: string) {
  const r = spawnSync(TSX, [join(ROOT, 'src/cli/main.ts'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    ...(cwd ? { cwd } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const withoutRunInfo = (html: string) => html.replace(/<section class="run-info"[\s\S]*?<\/section>/, '');

describe('claimcheck command', () => {
  const good = realClaimBlock('002-dirac-gan.md', 'p.dirac-eigenvalues');
  const wrong = edit(
    edit(good, 'id: p.dirac-eigenvalues', 'id: t.wrong'),
    "to: [f'(0)*i, -f'(0)*i]",
    "to: [f'(0), -f'(0)]",
  );

  it('exits 0 when every verdict is as expected and writes a self-contained report', () => {
    const claims = claimsFolder({ 'a.md': claimFile(good, 'Prose with $x^2$ math.') });
    const out = join(dirname(claims), 'reports');
    const r = run(['--claims', claims, '--out', out, '--count', '500']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/proved\s+p\.dirac-eigenvalues/);
    expect(r.stdout).toMatch(/1 claims: 1 proved; all as expected/);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('id="p.dirac-eigenvalues"');
    expect(html).not.toContain('class="math-error"');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // no network references
    expect(existsSync(join(out, 'assets/katex/katex.min.css'))).toBe(true);
    expect(readdirSync(join(out, 'assets/katex/fonts')).some((f) => f.endsWith('.woff2'))).toBe(true);
  }, 120_000);

  it('exits 1 when a verdict differs from the expected one, and the JSON says why', () => {
    const claims = claimsFolder({ 'a.md': claimFile(wrong.replace('expect: proved', 'expect: proved')) });
    const r = run(['--claims', claims, '--out', join(dirname(claims), 'reports'), '--count', '500', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.claims[0]).toMatchObject({ id: 't.wrong', verdict: 'refuted', expected: 'proved', asExpected: false });
    expect(j.claims[0].checks[0].counterexample.point.length).toBeGreaterThan(0);
  }, 120_000);

  it('exits 2 when a formula cannot be typeset, naming its file, line and column, and lists it in the report', () => {
    const claims = claimsFolder({ 'a.md': claimFile(good, 'Some prose.\n\nA broken $\\frac{1}{2$ formula.') });
    const out = join(dirname(claims), 'reports');
    const r = run(['--claims', claims, '--out', out, '--count', '300']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/proved\s+p\.dirac-eigenvalues/);
    expect(r.stdout).toMatch(/a\.md:8:11: KaTeX cannot typeset "\\frac\{1\}\{2"/);
    expect(r.stdout).toMatch(/^\s+8 \| A broken \$\\frac\{1\}\{2\$ formula\.\n\s+\| {11}\^$/m);
    expect(r.stdout).toMatch(/1 formula\(s\) KaTeX cannot typeset/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(
      /Problems in claim files[\s\S]*a\.md:8:11: KaTeX cannot typeset/,
    );
  }, 120_000);

  it('exits 2 on a malformed file, still checks the rest and writes the report', () => {
    const claims = claimsFolder({
      'a.md': claimFile(good),
      'b.md': '---\nlecture: x\nseed: y\n---\n```claim\nid: t.bad\ntitle: [oops\n```\n',
    });
    const out = join(dirname(claims), 'reports');
    const r = run(['--claims', claims, '--out', out, '--count', '500']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/proved\s+p\.dirac-eigenvalues/);
    expect(r.stdout).toMatch(/b\.md:\d+:\d+: YAML/);
    // As a compiler shows it: the source line, and a caret under the column.
    expect(r.stdout).toMatch(/^\s+7 \| title: \[oops\n\s+\| +\^$/m);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  }, 120_000);

  it('gives the same report for the same seed, apart from the run-info block', () => {
    const claims = claimsFolder({
      'a.md': claimFile(good),
      'b.md': claimFile(wrong.replace('expect: proved', 'expect: refuted')),
    });
    const a = join(dirname(claims), 'ra');
    const b = join(dirname(claims), 'rb');
    expect(run(['--claims', claims, '--out', a, '--count', '800', '--seed', '7']).code).toBe(0);
    expect(run(['--claims', claims, '--out', b, '--count', '800', '--seed', '7']).code).toBe(0);
    const ha = readFileSync(join(a, 'index.html'), 'utf8');
    const hb = readFileSync(join(b, 'index.html'), 'utf8');
    expect(withoutRunInfo(ha)).toBe(withoutRunInfo(hb));
    expect(ha).toContain('--seed 7');
  }, 120_000);

  it('stops a claim whose symbolic work does not finish, and goes on', () => {
    const slow = `
id: t.slow
title: A derivation that blows up
where: nowhere
statement: x
symbols: {a: real, b: real, c: real, d: real, x: real, y: real}
derive:
  P: (a + b + c + d + x + y)^40 * (a - b + c - d + x - y)^40
checks:
  - holds: P >= 0
expect: verified
`;
    // A run far too long for the limit: its timeout names the check, not the derivation.
    const slowCheck = `
id: t.slow-check
title: A run too long for the time limit
where: nowhere
statement: x
symbols: {x: real in [0.1, 1]}
checks:
  - iterate: {x: x/2 + 0*spectralRadius([[x, 1, 0, 0], [0, x, 1, 0], [0, 0, x, 1], [1, 0, 0, x]])}
    state: [x]
    start: {x: real in [0.1, 1]}
    steps: 200000
    runs: 200
    converges: {to: {x: 0}}
    label: the run settles
expect: verified
`;
    const claims = claimsFolder({
      'a.md': claimFile(good),
      'slow.md': claimFile(slow),
      'slow-check.md': claimFile(slowCheck),
    });
    const r = run([
      '--claims',
      claims,
      '--out',
      join(dirname(claims), 'reports'),
      '--count',
      '200',
      '--timeout',
      '2',
      '--json',
    ]);
    const j = JSON.parse(r.stdout);
    const slowResult = j.claims.find((c: { id: string }) => c.id === 't.slow');
    expect(slowResult.verdict).toBe('not-checked');
    expect(slowResult.reason).toMatch(/^timed out after 2 s while deriving \(symbolic work did not finish\)/);
    const slowCheckResult = j.claims.find((c: { id: string }) => c.id === 't.slow-check');
    expect(slowCheckResult.reason).toMatch(/^timed out after 2 s in check 1 \(the run settles\), whose numeric work/);
    expect(j.claims.find((c: { id: string }) => c.id === 'p.dirac-eigenvalues').verdict).toBe('proved');
    expect(r.code).toBe(1);
  }, 120_000);

  it('hands a JSON summary longer than a pipe buffer over whole before it exits', () => {
    // Into a pipe, stdout is written asynchronously: exiting at once cut the JSON off at 64 KiB.
    const copy = (k: number) => edit(good, 'id: p.dirac-eigenvalues', `id: p.copy-${k}`).trim();
    const more = Array.from({ length: 99 }, (_, k) => `\n\`\`\`claim\n${copy(k + 1)}\n\`\`\`\n`).join('');
    const claims = claimsFolder({ 'a.md': claimFile(copy(0)) + more });
    // Through a shell pipe (a child's own stdio is a socket pair, which did not show the cut).
    const args = [
      join(ROOT, 'src/cli/main.ts'),
      '--claims',
      claims,
      '--no-report',
      '--no-cache',
      '--count',
      '200',
      '--workers',
      '1',
      '--json',
    ];
    const r = spawnSync('sh', ['-c', '"$0" "$@" | cat', TSX, ...args], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout.length).toBeGreaterThan(65_536);
    const j = JSON.parse(r.stdout);
    expect(j.claims).toHaveLength(100);
  }, 120_000);

  it('keeps typeset formulas and parsed files between runs: the same report, new formulas typeset, old ones dropped', () => {
    const claims = claimsFolder({ 'a.md': claimFile(good, 'Prose with $x^{17}$ math.') });
    const dir = dirname(claims);
    const store = () => {
      const cache = join(dir, '.cache', 'claimcheck');
      const file = readdirSync(cache).find((f) => f.startsWith('typeset-'));
      return {
        file: join(cache, file!),
        entries: JSON.parse(readFileSync(join(cache, file!), 'utf8')) as Record<string, { html?: string }>,
      };
    };
    const page = () => withoutRunInfo(readFileSync(join(dir, 'reports', 'lecture-test.html'), 'utf8'));
    expect(run(['--count', '300'], dir).code).toBe(0);
    const first = page();
    const kept = store();
    expect(kept.entries['Tx^{17}']?.html).toContain('katex');
    expect(readdirSync(join(dir, '.cache', 'claimcheck')).filter((f) => f.startsWith('parsed-'))).toHaveLength(1);
    // Reused: the same page from the store.
    expect(run(['--count', '300'], dir).code).toBe(0);
    expect(page()).toBe(first);
    // An edited formula is typeset; the one edited away leaves the store.
    writeFileSync(join(claims, 'a.md'), claimFile(good, 'Prose with $x^{23}$ math.'));
    expect(run(['--count', '300'], dir).code).toBe(0);
    expect(page()).toContain('23');
    expect(Object.keys(store().entries)).toContain('Tx^{23}');
    expect(Object.keys(store().entries)).not.toContain('Tx^{17}');
    // A damaged store is an empty one: the page is still right, and the store is written again.
    writeFileSync(kept.file, '{ not json');
    writeFileSync(join(claims, 'a.md'), claimFile(good, 'Prose with $x^{17}$ math.'));
    expect(run(['--count', '300'], dir).code).toBe(0);
    expect(page()).toBe(first);
    expect(store().entries['Tx^{17}']?.html).toContain('katex');
  }, 120_000);

  it('rejects bad usage with exit 3 in one line, and tells its version', () => {
    const r = run(['--count', 'many']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--count needs a whole number/);
    const unknown = run(['--bogus']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      'claimcheck: unknown option --bogus (claimcheck --help lists the options)',
    ]);
    const v = run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(`claimcheck ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`);
  }, 60_000);

  it('says what is wrong with the command line in one line, with exit 3: a missing claims folder, an output that is a file, a switch given a value, an --only that matches nothing', () => {
    const claims = claimsFolder({ 'a.md': claimFile(good) });
    const aFile = join(dirname(claims), 'afile');
    writeFileSync(aFile, '');
    const cases: Array<[string[], RegExp]> = [
      [['--claims', join(dirname(claims), 'nowhere')], /--claims .*nowhere: no such folder/],
      [['--claims', claims, '--out', aFile], /--out .*afile: exists and is not a folder/],
      [['--claims', claims, '--junit', join(aFile, 'j.xml')], /--junit .*cannot create its folder/],
      [['--claims', claims, '--watch=no'], /--watch takes no value/],
      [
        ['--claims', claims, '--only', 't.good', 't.other'],
        /^claimcheck: --only takes one value, and "t\.other" follows it: select several claims with commas \(--only a,b\) or --only again/m,
      ],
      [
        ['--claims', claims, '--seed', '2', '3'],
        /^claimcheck: --seed takes one value, and "3" follows it \(claimcheck --help/m,
      ],
      [['--claims', claims, '--watch', '--json'], /--json and --watch do not go together/],
      [
        ['--claims', claims, '--no-report', '--count', '200', '--only', 'p.dirac-eigenvalues,p.dirac-eigenvalue'],
        /--only: no claim id, id prefix or file matches "p\.dirac-eigenvalue"$/m,
      ],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error:|\n\s+at /);
    }
  }, 120_000);
});

describe('replaying a counterexample', () => {
  const CATALOGUE = join(ROOT, 'claims');
  /** The run's replay command, run through tsx as `npx claimcheck` would run the built command. */
  const replayArgs = (command: string) => {
    expect(command).toMatch(
      /^npx claimcheck --claims \S+ --replay \S+ --check \d+ --seed \d+ --count \d+ --instance \d+$/,
    );
    return command.split(' ').slice(2);
  };

  it('replays a refuted catalogue claim from another folder: the same counterexample, in the terminal, the JSON and the report', () => {
    // Run from a folder that is not the tool's own, with the claims folder given as an absolute path.
    const elsewhere = dirname(claimsFolder({}));
    const common = [
      '--claims',
      CATALOGUE,
      '--only',
      'p.instance-noise',
      '--count',
      '2000',
      '--no-cache',
      '--out',
      join(elsewhere, 'reports'),
    ];
    const text = run(common, elsewhere);
    expect(text.code).toBe(0);
    const line = /^\s+check 2 \(.*\), replay: (npx claimcheck .*)$/m.exec(text.stdout);
    expect(line, text.stdout).not.toBeNull();
    const json = JSON.parse(run([...common, '--json'], elsewhere).stdout);
    const cx = json.claims[0].checks[1].counterexample;
    expect(cx.replay).toBe(line![1]);
    expect(cx.replay).toBe(
      `npx claimcheck --claims ${CATALOGUE} --replay p.instance-noise --check 2 --seed 1 --count 2000 --instance ${cx.instance}`,
    );
    const page = readFileSync(join(elsewhere, 'reports', 'lecture-002.html'), 'utf8');
    expect(page).toContain(`Replay: <code>${cx.replay}</code>`);

    const replayed = run(replayArgs(cx.replay), elsewhere);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(
      new RegExp(`refuted p\\.instance-noise, check 2 .*, seed 1, count 2000, instance ${cx.instance}\\n`),
    );
    expect(replayed.stdout).toContain(
      `at ${cx.point.map((p: { name: string; value: string }) => `${p.name} = ${p.value}`).join(', ')}\n`,
    );
    expect(replayed.stdout).toContain(`derived: ${cx.derived}\n`);
    expect(replayed.stdout).toContain('(certified)');
    const replayedJson = JSON.parse(run([...replayArgs(cx.replay), '--json'], elsewhere).stdout);
    expect(replayedJson.counterexample).toEqual(cx);
    // Without --check and --instance: the first refuted check, wherever it fails.
    const first = JSON.parse(
      run(['--claims', CATALOGUE, '--replay', 'p.instance-noise', '--count', '2000', '--json'], elsewhere).stdout,
    );
    expect(first).toMatchObject({ check: 2, counterexample: { instance: cx.instance } });
  }, 240_000);

  it('refuses in one line, with exit 3, an unknown id, a check that is not refuted or does not exist, an instance that is not the counterexample, and --check without --replay', () => {
    const at = ['--claims', CATALOGUE, '--count', '2000'];
    const cases: Array<[string[], RegExp]> = [
      [[...at, '--replay', 'p.no-such-claim'], /--replay: no claim in .* has the id "p\.no-such-claim"$/],
      [
        [...at, '--replay', 'p.instance-noise', '--check', '1'],
        /check 1 of p\.instance-noise is not refuted with seed 1, count 2000$/,
      ],
      [[...at, '--replay', 'p.instance-noise', '--check', '3'], /p\.instance-noise has 2 checks, so no check 3$/],
      [
        [...at, '--replay', 'p.instance-noise', '--check', '2', '--instance', '100000'],
        /instance 100000 is not the counterexample of check 2 of p\.instance-noise with seed 1, count 2000: the check fails first at instance \d+$/,
      ],
      [
        [...at, '--replay', 'p.dirac-eigenvalues'],
        /no check of p\.dirac-eigenvalues is refuted with seed 1, count 2000$/,
      ],
      [
        [...at, '--replay', 'p.instance-noise', '--only', 'p.'],
        /--replay re-checks one claim and does not go with --only$/,
      ],
      [[...at, '--instance', '3'], /--instance goes with --replay ID$/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toEqual([expect.stringMatching(message)]);
      expect(r.stdout).toBe('');
    }
  }, 240_000);

  it('quotes a claims folder the shell would split', () => {
    const claims = claimsFolder({});
    const spaced = join(claims, 'my notes');
    mkdirSync(spaced);
    writeFileSync(
      join(spaced, 'a.md'),
      claimFile(
        edit(
          realClaimBlock('002-dirac-gan.md', 'p.dirac-eigenvalues'),
          "to: [f'(0)*i, -f'(0)*i]",
          "to: [f'(0), -f'(0)]",
        ).replace('expect: proved', 'expect: refuted'),
      ),
    );
    const r = run(['--claims', spaced, '--count', '300', '--no-report', '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `replay: npx claimcheck --claims '${spaced}' --replay p.dirac-eigenvalues --check 1 --seed 1 --count 300 --instance`,
    );
  }, 120_000);
});
