/**
 * The tool in a lecturer's and a CI's workflow: the result cache (a warm re-run redoes only the
 * changed claims), JUnit output, --since, and claims as tests with expectClaims.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkCatalogue, renderReport } from '../src/api';
import { claimTests, expectClaims } from '../src/testing';
import { junitXml } from '../src/cli/junit';
import { WorkerPool, familiesOf } from '../src/run/pool';
import type { Claim } from '../src/model/claim';
import { claimFile, claimsFolder, edit, realClaimBlock } from './helpers';

const good = realClaimBlock('002-dirac-gan.md', 'p.dirac-eigenvalues');
const second = edit(
  edit(good, 'id: p.dirac-eigenvalues', 'id: t.second'),
  "to: [f'(0)*i, -f'(0)*i]",
  "to: [-f'(0)*i, f'(0)*i]",
);

describe('the result cache', () => {
  it('reuses unchanged claims and re-checks a changed one', async () => {
    const claims = claimsFolder({ 'a.md': claimFile(good), 'b.md': claimFile(second) });
    const cacheDir = join(dirname(claims), 'cache');
    const first = await checkCatalogue({ claimsDir: claims, count: 300, workers: 0, cacheDir });
    expect(first.results.every((r) => !r.cached)).toBe(true);
    const again = await checkCatalogue({ claimsDir: claims, count: 300, workers: 0, cacheDir });
    expect(again.results.every((r) => r.cached)).toBe(true);
    expect(again.results.map((r) => r.verdict)).toEqual(first.results.map((r) => r.verdict));
    writeFileSync(join(claims, 'b.md'), claimFile(second.replace('title: ', 'title: Edited: ')));
    const third = await checkCatalogue({ claimsDir: claims, count: 300, workers: 0, cacheDir });
    expect(third.results.find((r) => r.id === 'p.dirac-eigenvalues')!.cached).toBe(true);
    expect(third.results.find((r) => r.id === 't.second')!.cached).toBeFalsy();
    // Another seed or count is another question: nothing reused.
    const otherSeed = await checkCatalogue({ claimsDir: claims, count: 300, seed: 2, workers: 0, cacheDir });
    expect(otherSeed.results.some((r) => r.cached)).toBe(false);
  });
});

describe('the result cache and an interrupted run', () => {
  it('keeps no result of a claim that timed out: the next run checks it again', async () => {
    const claims = claimsFolder({ 'a.md': claimFile(second) });
    const cacheDir = join(dirname(claims), 'cache');
    const cut = await checkCatalogue({ claimsDir: claims, count: 100, workers: 1, timeoutMs: 1, cacheDir });
    expect(cut.results[0]).toMatchObject({ verdict: 'not-checked', interrupted: true });
    expect(cut.results[0]!.reason).toMatch(/^timed out after/);
    const next = await checkCatalogue({ claimsDir: claims, count: 100, workers: 0, cacheDir });
    expect(next.results[0]!.cached).toBeFalsy();
    expect(next.results[0]!.asExpected).toBe(true);
  });
});

describe('the result cache and worker threads', () => {
  it('starts no worker threads for a re-run whose every claim is cached, and starts them when one is not', async () => {
    const claims = claimsFolder({ 'a.md': claimFile(second) });
    const cacheDir = join(dirname(claims), 'cache');
    const spawn = vi.spyOn(WorkerPool.prototype as unknown as { spawn: () => void }, 'spawn');
    try {
      await checkCatalogue({ claimsDir: claims, count: 100, workers: 1, cacheDir });
      expect(spawn).toHaveBeenCalledTimes(1); // a cache this version never used: started at once
      spawn.mockClear();
      const warm = await checkCatalogue({ claimsDir: claims, count: 100, workers: 1, cacheDir });
      expect(warm.results.every((r) => r.cached)).toBe(true);
      expect(spawn).not.toHaveBeenCalled();
      writeFileSync(join(claims, 'a.md'), claimFile(second.replace('title: ', 'title: Edited: ')));
      const edited = await checkCatalogue({ claimsDir: claims, count: 100, workers: 1, cacheDir });
      expect(spawn).toHaveBeenCalledTimes(1);
      expect(edited.results[0]!.cached).toBeFalsy();
      expect(edited.results[0]!.asExpected).toBe(true);
    } finally {
      spawn.mockRestore();
    }
  });
});

describe('the result cache and prose edits', () => {
  // Writing notes moves claims: prose added above a claim must not make it be checked again, and
  // what the cached result says about lines must follow the claim.
  const broken = `id: t.broken
title: A condition that cannot be evaluated
where: nowhere
statement: x
symbols:
  x: real
model:
  g: x^2
checks:
  - holds: g + signChanges(x, x, 0, 1, 2) > -1
expect: verified`;
  it('reuses a claim that only moved, with its lines moved along', async () => {
    const claims = claimsFolder({
      'a.md': claimFile(good, 'Some prose.') + '\n' + claimFile(broken).split('---\n').slice(2).join('---\n'),
    });
    const cacheDir = join(dirname(claims), 'cache');
    const first = await checkCatalogue({ claimsDir: claims, count: 200, workers: 0, cacheDir });
    const before = first.results.find((r) => r.id === 't.broken')!;
    expect(before.verdict).toBe('error');
    const text = readFileSync(join(claims, 'a.md'), 'utf8');
    writeFileSync(
      join(claims, 'a.md'),
      text.replace('Some prose.', 'Some prose.\n\nThree more lines\nof prose\nabove both claims.'),
    );
    const moved = await checkCatalogue({ claimsDir: claims, count: 200, workers: 0, cacheDir });
    expect(moved.results.every((r) => r.cached)).toBe(true);
    const after = moved.results.find((r) => r.id === 't.broken')!;
    expect(after.line).toBe(before.line + 4);
    expect(after.errors[0]!.line).toBe(before.errors[0]!.line + 4);
    expect(readFileSync(join(claims, 'a.md'), 'utf8').split('\n')[after.errors[0]!.line - 1]).toContain(
      'signChanges(x, x, 0, 1, 2)',
    );
    expect(moved.results.find((r) => r.id === 'p.dirac-eigenvalues')!.line).toBe(
      first.results.find((r) => r.id === 'p.dirac-eigenvalues')!.line + 4,
    );
    // An edit inside a claim is still a new question.
    writeFileSync(join(claims, 'a.md'), readFileSync(join(claims, 'a.md'), 'utf8').replace('g: x^2', 'g: x^4'));
    const edited = await checkCatalogue({ claimsDir: claims, count: 200, workers: 0, cacheDir });
    expect(edited.results.find((r) => r.id === 't.broken')!.cached).toBeFalsy();
    expect(edited.results.find((r) => r.id === 'p.dirac-eigenvalues')!.cached).toBe(true);
  });
});

describe('re-running in one process (watch mode)', () => {
  const render = (report: Awaited<ReturnType<typeof checkCatalogue>>) =>
    renderReport({ ...report, runInfo: { generated: '', node: '', timings: {} } });

  it('re-reads an edited file, and reports a broken formula on every render, not only the first', async () => {
    const claims = claimsFolder({ 'a.md': claimFile(good, 'Prose with $\\notAMacro{x}$ in it.') });
    const first = await checkCatalogue({ claimsDir: claims, count: 200, workers: 0 });
    const second = await checkCatalogue({ claimsDir: claims, count: 200, workers: 0 });
    expect(render(first).katexErrors.length).toBeGreaterThan(0);
    expect(render(second).katexErrors.length).toBeGreaterThan(0);
    writeFileSync(
      join(claims, 'a.md'),
      claimFile(good.replace('title: ', 'title: Edited: '), 'Prose with $x^2$ in it.'),
    );
    const edited = await checkCatalogue({ claimsDir: claims, count: 200, workers: 0 });
    expect(edited.results[0]!.title).toMatch(/^Edited: /);
    const page = render(edited);
    expect(page.katexErrors).toEqual([]);
    expect([...page.files.values()].join('')).not.toContain('notAMacro');
  });
});

/** An empty git repository in a temporary folder, and a way to run git in it. */
function gitRepo() {
  const repo = mkdtempSync(join(tmpdir(), 'claimcheck-git-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 't');
  return { repo, git };
}
describe('CI formats', () => {
  it('writes one JUnit test case per claim, failures for verdicts not as expected', async () => {
    const wrong = edit(good, "to: [f'(0)*i, -f'(0)*i]", "to: [f'(0), -f'(0)]");
    const claims = claimsFolder({
      'a.md': claimFile(good),
      'b.md': claimFile(edit(wrong, 'id: p.dirac-eigenvalues', 'id: t.wrong')),
    });
    const report = await checkCatalogue({ claimsDir: claims, count: 300, workers: 0 });
    const xml = junitXml(report);
    expect(xml).toMatch(/<testsuites name="claimcheck" tests="2" failures="1" errors="0" skipped="0">/);
    expect(xml).toMatch(/<testcase classname="[^"]*a\.md" name="p\.dirac-eigenvalues"[^>]*><system-out>proved/);
    // The failure carries the counterexample (where, and how it was decided), in its message
    // and its text, and the command that replays it.
    const instance = report.results.find((r) => r.id === 't.wrong')!.checks[0]!.counterexample!.instance;
    expect(xml).toMatch(
      /<testcase classname="[^"]*b\.md" name="t\.wrong"[^>]*><failure message="refuted, expected proved: [^"]* at f&apos;\(0\) = [^"]*\(certified; seed 1, instance \d+\)">/,
    );
    expect(xml).toMatch(
      /">refuted: [^<]* at [^<]*= [^<]*\(certified; seed 1, instance \d+\)\n {2}decided by: certified evaluation at the counterexample \(exact arithmetic, or enclosures that exclude 0\)\n/,
    );
    expect(xml).toContain(
      `\n  replay: npx claimcheck --claims ${claims} --replay t.wrong --check 1 --seed 1 --count 300 --instance ${instance}</failure>`,
    );
  });

  it('--since REV checks only the claim files changed since REV', () => {
    const { repo, git } = gitRepo();
    execFileSync('mkdir', ['-p', join(repo, 'claims')]);
    writeFileSync(join(repo, 'claims', 'a.md'), claimFile(good));
    writeFileSync(join(repo, 'claims', 'b.md'), claimFile(second));
    git('add', '.');
    git('commit', '-qm', 'claims');
    writeFileSync(join(repo, 'claims', 'b.md'), claimFile(second.replace('title: ', 'title: Edited: ')));
    const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
    const r = spawnSync(
      tsx,
      [
        join(__dirname, '..', 'src', 'cli', 'main.ts'),
        '--since',
        'HEAD',
        '--no-report',
        '--no-cache',
        '--count',
        '200',
        '--workers',
        '0',
        '--json',
      ],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.claims.map((c: { id: string }) => c.id)).toEqual(['t.second']);
    // With --only: the claims both select.
    const both = (only: string) =>
      spawnSync(
        tsx,
        [
          join(__dirname, '..', 'src', 'cli', 'main.ts'),
          '--since',
          'HEAD',
          '--only',
          only,
          '--no-report',
          '--no-cache',
          '--count',
          '200',
          '--workers',
          '0',
          '--json',
        ],
        { cwd: repo, encoding: 'utf8' },
      );
    expect(JSON.parse(both('t.second,p.dirac-eigenvalues').stdout).claims.map((c: { id: string }) => c.id)).toEqual([
      't.second',
    ]);
    expect(JSON.parse(both('p.dirac-eigenvalues').stdout).claims).toEqual([]);
  }, 120_000);

  it("a run of a subset (--only, --since) leaves the other lectures' pages and shows their cached results; a mistyped --only writes nothing", () => {
    const { repo, git } = gitRepo();
    mkdirSync(join(repo, 'claims'));
    const otherLecture = (yaml: string) =>
      claimFile(yaml).replace('lecture: Test lecture\nseed: test.txt', 'lecture: Other lecture\nseed: other.txt');
    writeFileSync(join(repo, 'claims', 'a.md'), claimFile(good));
    writeFileSync(join(repo, 'claims', 'b.md'), otherLecture(second));
    git('add', '.');
    git('commit', '-qm', 'claims');
    const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
    const cli = (...args: string[]) =>
      spawnSync(
        tsx,
        [
          join(__dirname, '..', 'src', 'cli', 'main.ts'),
          '--count',
          '200',
          '--workers',
          '0',
          '--out',
          'reports',
          '--junit',
          'junit.xml',
          ...args,
        ],
        { cwd: repo, encoding: 'utf8' },
      );
    const pages = () =>
      readdirSync(join(repo, 'reports'))
        .filter((f) => f.startsWith('lecture-'))
        .sort();
    const read = (f: string) => readFileSync(join(repo, f), 'utf8');
    expect(cli().status).toBe(0);
    expect(pages()).toEqual(['lecture-other.html', 'lecture-test.html']);
    const before = {
      index: read('reports/index.html'),
      other: read('reports/lecture-other.html'),
      junit: read('junit.xml'),
    };

    // A mistyped --only: exit 3, and the report and the JUnit file are as they were.
    const typo = cli('--only', 'p.dirac-eigenvalue');
    expect(typo.status).toBe(3);
    expect(typo.stderr).toMatch(/--only: no claim id, id prefix or file matches "p\.dirac-eigenvalue"/);
    expect({
      index: read('reports/index.html'),
      other: read('reports/lecture-other.html'),
      junit: read('junit.xml'),
    }).toEqual(before);

    // --only one lecture's claim: the other lecture's page stays, and the summary still shows its claim (from the cache).
    expect(cli('--only', 'p.dirac-eigenvalues').status).toBe(0);
    expect(pages()).toEqual(['lecture-other.html', 'lecture-test.html']);
    expect(read('reports/index.html')).toContain('t.second');
    expect(read('junit.xml')).toMatch(/tests="1"/);

    // --since: only the edited file is checked; the unchanged lecture's page stays.
    writeFileSync(join(repo, 'claims', 'b.md'), otherLecture(second.replace('title: ', 'title: Edited: ')));
    const since = cli('--since', 'HEAD', '--json');
    expect(since.status).toBe(0);
    expect(JSON.parse(since.stdout).claims.map((c: { id: string }) => c.id)).toEqual(['t.second']);
    expect(pages()).toEqual(['lecture-other.html', 'lecture-test.html']);
    expect(read('reports/index.html')).toContain('p.dirac-eigenvalues');
    expect(read('reports/lecture-other.html')).toContain('Edited: ');
  }, 120_000);

  it('--since finds files with non-ASCII names and new files from a subfolder; nothing changed still gives JSON and JUnit', () => {
    const { repo, git } = gitRepo();
    mkdirSync(join(repo, 'claims'));
    mkdirSync(join(repo, 'sub'));
    writeFileSync(join(repo, 'claims', 'lécture a.md'), claimFile(good));
    git('add', '.');
    git('commit', '-qm', 'claims');
    const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
    const cli = (cwd: string, ...args: string[]) =>
      spawnSync(
        tsx,
        [
          join(__dirname, '..', 'src', 'cli', 'main.ts'),
          '--no-report',
          '--no-cache',
          '--count',
          '200',
          '--workers',
          '0',
          ...args,
        ],
        { cwd, encoding: 'utf8' },
      );
    // Nothing changed: an empty summary and an empty JUnit file, exit 0.
    const none = cli(repo, '--changed-only', '--json', '--junit', 'out/junit.xml');
    expect(none.status).toBe(0);
    expect(JSON.parse(none.stdout)).toMatchObject({ claims: [], exitCode: 0 });
    expect(readFileSync(join(repo, 'out', 'junit.xml'), 'utf8')).toMatch(/<testsuites name="claimcheck" tests="0"/);
    // git quotes a non-ASCII name unless asked not to.
    writeFileSync(join(repo, 'claims', 'lécture a.md'), claimFile(good.replace('title: ', 'title: Edited: ')));
    const accented = cli(repo, '--changed-only', '--json');
    expect(JSON.parse(accented.stdout).claims.map((c: { id: string }) => c.id)).toEqual(['p.dirac-eigenvalues']);
    git('commit', '-qam', 'edit');
    // An untracked file, asked about from a subfolder.
    writeFileSync(join(repo, 'claims', 'new.md'), claimFile(second));
    const fromSub = cli(join(repo, 'sub'), '--changed-only', '--claims', '../claims', '--json');
    expect(JSON.parse(fromSub.stdout).claims.map((c: { id: string }) => c.id)).toEqual(['t.second']);
  }, 120_000);
});

/** `claimcheck --watch` on a folder, and a wait for its output to match. */
function startWatch(claims: string) {
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const args = [
    '--claims',
    claims,
    '--out',
    join(dirname(claims), 'reports'),
    '--watch',
    '--count',
    '200',
    '--workers',
    '1',
    '--no-cache',
  ];
  const child = spawn(tsx, [join(__dirname, '..', 'src', 'cli', 'main.ts'), ...args], { cwd: dirname(claims) });
  let text = '';
  child.stdout.on('data', (d) => (text += String(d)));
  const waitFor = (re: RegExp, ms = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const tick = () =>
        re.test(text)
          ? resolve()
          : Date.now() - t0 > ms
            ? reject(new Error(`timed out waiting for ${re}: ${text}`))
            : setTimeout(tick, 100);
      tick();
    });
  return { child, waitFor };
}

describe('watch mode', () => {
  it('re-checks a claim when its file changes and prints the verdicts that changed', async () => {
    const claims = claimsFolder({ 'a.md': claimFile(good) });
    const { child, waitFor } = startWatch(claims);
    try {
      await waitFor(/watching/);
      writeFileSync(join(claims, 'a.md'), claimFile(good.replace("to: [f'(0)*i, -f'(0)*i]", "to: [f'(0), -f'(0)]")));
      await waitFor(/changed verdicts: p\.dirac-eigenvalues proved → refuted/);
    } finally {
      child.kill();
    }
  }, 120_000);

  it('follows saves that write a temporary file and rename it over the claim file, and reports removed claims', async () => {
    const claims = claimsFolder({ 'a.md': claimFile(good), 'b.md': claimFile(second) });
    const { child, waitFor } = startWatch(claims);
    const atomicSave = (content: string) => {
      writeFileSync(join(claims, '.a.md.tmp'), content);
      renameSync(join(claims, '.a.md.tmp'), join(claims, 'a.md'));
    };
    try {
      await waitFor(/watching/);
      atomicSave(claimFile(good.replace("to: [f'(0)*i, -f'(0)*i]", "to: [f'(0), -f'(0)]")));
      await waitFor(/p\.dirac-eigenvalues proved → refuted/);
      atomicSave(claimFile(good));
      await waitFor(/p\.dirac-eigenvalues refuted → proved/);
      unlinkSync(join(claims, 'b.md'));
      await waitFor(/t\.second proved → \(removed\)/);
    } finally {
      child.kill();
    }
  }, 120_000);
});

describe('the package', () => {
  it('exports built modules with type declarations (made by npm install)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      exports: Record<string, { types: string; import: string }>;
    };
    for (const [entry, target] of Object.entries(pkg.exports)) {
      expect(existsSync(target.import), `${entry}: ${target.import}`).toBe(true);
      expect(target.types.endsWith('.d.ts'), `${entry}: ${target.types}`).toBe(true);
      expect(existsSync(target.types), `${entry}: ${target.types}`).toBe(true);
    }
    expect(readFileSync(pkg.exports['./testing']!.types, 'utf8')).toMatch(
      /export declare function expectClaims\(claimsDir: string/,
    );
  });

  it('has types a Node ESM project (moduleResolution nodenext, no skipLibCheck) can read', () => {
    // Extensionless relative imports in the declarations are errors there, or silently `any` with skipLibCheck.
    const project = mkdtempSync(join(tmpdir(), 'claimcheck-consumer-'));
    const root = join(__dirname, '..');
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'claimcheck'));
    symlinkSync(join(root, 'node_modules', '@types'), join(project, 'node_modules', '@types'));
    writeFileSync(join(project, 'package.json'), '{"type": "module"}');
    const options = {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      noEmit: true,
      types: ['node'],
      target: 'ES2022',
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['notes.ts'] }));
    writeFileSync(
      join(project, 'notes.ts'),
      [
        "import { checkCatalogue, type ClaimResult } from 'claimcheck';",
        "import { expectClaims } from 'claimcheck/testing';",
        "const report = await checkCatalogue({ claimsDir: 'claims', count: 100 });",
        'const first: ClaimResult | undefined = report.results[0];',
        'const wrong: number = report.results[0]!.verdict;',
        "await expectClaims('claims');",
        'console.log(first, wrong);',
      ].join('\n'),
    );
    const r = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', project], { encoding: 'utf8' });
    // Exactly one error, the one in the project's own code: the types are real, not `any`.
    expect(
      r.stdout
        .trim()
        .split('\n')
        .filter((l) => /error TS/.test(l)),
    ).toEqual([expect.stringMatching(/notes\.ts\(5,7\): error TS2322/)]);
  }, 60_000);
});

describe('claims as tests', () => {
  const wrong = edit(
    edit(good, 'id: p.dirac-eigenvalues', 'id: t.wrong'),
    "to: [f'(0)*i, -f'(0)*i]",
    "to: [f'(0), -f'(0)]",
  );

  it('expectClaims resolves when every verdict is as expected and rejects with the differences, counterexamples and replay commands', async () => {
    const ok = claimsFolder({ 'a.md': claimFile(good) });
    await expect(expectClaims(ok, { count: 200 })).resolves.toMatchObject({ seed: 1 });
    const bad = claimsFolder({
      'a.md': claimFile(good.replace('expect: proved', 'expect: refuted')),
      'b.md': claimFile(wrong),
    });
    const failure = expectClaims(bad, { count: 200 });
    await expect(failure).rejects.toThrow(/p\.dirac-eigenvalues .*: proved, expected refuted/);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `t\\.wrong .*: refuted, expected proved\\n\\s+check 1 \\(.*\\): .* at f'\\(0\\) = \\S+.*\\(certified; instance \\d+\\)\\n\\s+replay: npx claimcheck --claims ${bad} --replay t\\.wrong --check 1 --seed 1 --count 200 --instance \\d+`,
      ),
    );
  });

  it('claimTests registers one test per claim and per problem of a file, which fails with the counterexample and the replay command', async () => {
    const broken = claimFile(edit(good, 'id: p.dirac-eigenvalues', 'id: t.broken').replace('  psi: real\n', ''));
    const folder = claimsFolder({
      'a.md': claimFile(good),
      'b.md': claimFile(wrong),
      'c.md': broken,
      'd.md': '---\nlecture: x\n---\n',
    });
    const tests: Array<{ name: string; body: () => Promise<void>; timeout?: number }> = [];
    claimTests(folder, (name, body, timeout) => tests.push({ name, body, ...(timeout ? { timeout } : {}) }), {
      count: 200,
      testTimeout: 90_000,
    });
    expect(tests.map((t) => t.name)).toEqual([
      'p.dirac-eigenvalues',
      't.wrong',
      't.broken',
      expect.stringMatching(/d\.md:\d+$/),
    ]);
    expect(tests.every((t) => t.timeout === 90_000)).toBe(true);
    const outcome = async (name: string) =>
      tests
        .find((t) => t.name === name)!
        .body()
        .then(
          () => 'passed',
          (e: Error) => e.message,
        );
    expect(await outcome('p.dirac-eigenvalues')).toBe('passed');
    const failure = await outcome('t.wrong');
    expect(failure).toMatch(
      /^t\.wrong \(.*b\.md:\d+\): refuted, expected proved\n\s+check 1 \(.*\): .* at f'\(0\) = \S+.*\(certified; instance \d+\)\n\s+replay: npx claimcheck --claims \S+ --replay t\.wrong --check 1 --seed 1 --count 200 --instance \d+$/,
    );
    expect(await outcome('t.broken')).toMatch(/t\.broken .*: error, expected proved[\s\S]*psi/);
    expect(await outcome(tests[3]!.name)).toMatch(/d\.md:\d+:\d+: /);
  });
});

describe('claims as tests, in this suite', () => {
  // Registered as the suite is collected: one passing test per claim of the folder.
  claimTests(claimsFolder({ 'a.md': claimFile(good), 'b.md': claimFile(second) }), it, { count: 200 });
});

describe('the worker pool', () => {
  it('keeps a claim with what it corrects or uses (followed along the chain, cycles cut) as one family', () => {
    const pos = { file: 'c.md', line: 1, column: 1 };
    const claim = (id: string, more: Partial<Claim> = {}) => ({ id, uses: [], ...more }) as unknown as Claim;
    const base = claim('a');
    const fixed = claim('a.corrected', { corrects: { id: 'a', pos } });
    const user = claim('b', { uses: [{ id: 'a.corrected', pos }] });
    const alone = claim('c', { uses: [{ id: 'elsewhere', pos }] });
    const loop1 = claim('x', { uses: [{ id: 'y', pos }] });
    const loop2 = claim('y', { uses: [{ id: 'x', pos }] });
    const f = familiesOf([base, fixed, user, alone, loop1, loop2]);
    expect([f.get(base), f.get(fixed), f.get(user), f.get(alone)]).toEqual(['a', 'a', 'a', 'c']);
    expect(f.get(loop1)).toBe(f.get(loop2));
  });
});
