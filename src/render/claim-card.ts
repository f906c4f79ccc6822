/** A claim's card in the report: its statement, derivation, checks with their evidence and counterexamples, and figures. */

import { verdictLabel, type Claim } from '../model/claim';
import type { CheckResult, ClaimResult, Counterexample, NumericEvidence } from '../model/result';
import { formatDiagnostic } from '../model/source';
import { decisionText } from '../model/decision-text';
import type { Decision } from '../model/decision';
import { MathRenderer, escapeHtml as esc } from './math';
import { type ProseRenderer } from './prose';

import { figureSvg } from './svg';
import { texNumbers, textNumbers } from './numbers';

import { STEPS } from '../kinds/registry';

import { definedNames, type DefinedNames } from './definitions';

export function badge(verdict: string): string {
  return `<span class="badge ${verdict}">${verdictLabel(verdict)}</span>`;
}

function fmtNum(x: number | undefined): string {
  if (x === undefined) return '—';
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6 ? textNumbers(x.toExponential(1)) : String(Number(x.toPrecision(3)));
}

function numericEvidence(n: NumericEvidence): string {
  const rows: string[] = [
    `<tr><th scope="row">instances</th><td>${n.instances.toLocaleString('en-US')} (${n.special} special cases first, then random draws), seed ${n.seed}</td></tr>`,
  ];
  if (n.worstError !== undefined)
    rows.push(
      `<tr><th scope="row">worst relative error</th><td>${fmtNum(n.worstError)}${n.tolerance !== undefined ? ` (tolerance ${fmtNum(n.tolerance)})` : ''}</td></tr>`,
    );
  if (n.sides)
    rows.push(
      `<tr><th scope="row">sides</th><td>${Object.entries(n.sides)
        .map(([k, v]) => `${esc(k)}: ${v.toLocaleString('en-US')}`)
        .join(' · ')}</td></tr>`,
    );
  if (n.coverage) {
    const items = Object.entries(n.coverage).sort(([a], [b]) => a.localeCompare(b));
    rows.push(
      `<tr><th scope="row">drawn structures</th><td>${items.map(([k, v]) => `${esc(k)} ×${v.toLocaleString('en-US')}`).join(' · ')}</td></tr>`,
    );
  }
  if (n.exactlyDecided)
    rows.push(
      `<tr><th scope="row">decided exactly</th><td>${n.exactlyDecided} instance(s) too close to call in floating point, decided in exact rational arithmetic</td></tr>`,
    );
  if (n.note) rows.push(`<tr><th scope="row">note</th><td>${esc(textNumbers(n.note))}</td></tr>`);
  return `<table class="evidence">${rows.join('')}</table>`;
}

/** A decision as the report shows it (HTML): a sign proof's difference typeset, the others as their sentence. */
export function decisionHtml(d: Decision, m: MathRenderer, tex: (s: string) => string, asides = true): string {
  if (d.method === 'sign-proof')
    return `sign prover: ${m.render(tex(d.differenceTex))} is ${d.sign} on the declared domains`;
  return esc(textNumbers(decisionText(d, { asides })));
}

/** One line saying how a check was decided (HTML): what the handout prints, and the summary of the evidence on screen. */
function evidenceLine(c: CheckResult, m: MathRenderer, named: DefinedNames): string {
  if (c.decidedBy.length)
    return c.decidedBy.map((d) => decisionHtml(d, m, (t) => texNumbers(named(t)), false)).join('; ');
  const n = c.numeric;
  if (n) return esc(`${n.instances.toLocaleString('en-US')} instances, seed ${n.seed}`);
  return c.symbolic ? 'symbolic derivation' : 'details';
}

/** A line of a counterexample: scrolls inside itself when a formula is wider than the box. */
const cxLine = (html: string) => `<div class="cx-line">${html}</div>`;

/** A counterexample or a witness; `replay`, the command that replays a counterexample. */
function counterexampleHtml(
  c: Counterexample,
  m: MathRenderer,
  named: DefinedNames,
  title: 'Counterexample' | 'Witness',
  replay?: string,
): string {
  const point = c.point.map((p) => m.render(texNumbers(named(`${p.tex} = ${p.value}`)))).join(', ');
  return `<div class="${title === 'Witness' ? 'witness' : 'counterexample'}"><strong>${title}</strong> ${c.exact ? '(exact)' : ''}
${cxLine(`at ${point || '—'}`)}
${c.derivedTex ? cxLine(`${c.claimedTex ? 'derived' : 'values'}: ${m.render(texNumbers(named(c.derivedTex)))}`) : ''}${c.claimedTex ? cxLine(`claimed: ${m.render(texNumbers(named(c.claimedTex)))}`) : ''}
<p class="muted cx-detail">${esc(textNumbers(c.detail))}${replay ? `. Replay: <code>${esc(replay)}</code>` : ` (seed ${c.seed}, instance ${c.instance})`}.</p></div>`;
}

function checkHtml(c: CheckResult, m: MathRenderer, named: DefinedNames, replay: string | undefined): string {
  const parts = [`<div class="check"><h4>${badge(c.status)} ${esc(c.label)}</h4>`];
  if (c.claimTex) parts.push(`<div class="overflow">${m.render(texNumbers(named(c.claimTex)), true)}</div>`);
  if (c.reason) parts.push(`<p>${esc(textNumbers(c.reason))}</p>`);
  if (c.counterexample) parts.push(counterexampleHtml(c.counterexample, m, named, 'Counterexample', replay));
  if (c.witness) parts.push(counterexampleHtml(c.witness, m, named, 'Witness'));
  // The evidence collapses: its summary is the one line the handout prints per check.
  const details: string[] = [];
  if (c.symbolic) {
    const said =
      c.symbolic.simplifiesToZero === true
        ? 'nerdamer simplifies their difference to 0.'
        : c.symbolic.simplifiesToZero === 'timeout'
          ? 'nerdamer timed out simplifying their difference.'
          : c.symbolic.simplifiesToZero === 'not-tried'
            ? ''
            : 'nerdamer does not simplify their difference to 0 (its simplify is not decisive either way).';
    details.push(
      `${cxLine(`Derived: ${m.render(texNumbers(named(c.symbolic.derivedTex)))};`)}${cxLine(`claimed: ${m.render(texNumbers(named(c.symbolic.claimedTex)))}.`)}${said ? `<p>${said}</p>` : ''}`,
    );
  }
  if (c.numeric) details.push(numericEvidence(c.numeric));
  if (c.decidedBy.length)
    details.push(
      `<p><strong>Decided by:</strong> ${c.decidedBy.map((d) => decisionHtml(d, m, (t) => texNumbers(named(t)))).join('; ')}.</p>`,
    );
  if (details.length)
    parts.push(
      `<details class="evidence"><summary><span class="muted">Evidence:</span> ${evidenceLine(c, m, named)}</summary>\n${details.join('\n')}</details>`,
    );
  parts.push('</div>');
  return parts.join('\n');
}

/** `correctedBy`: the link to the claim correcting this one, with its verdict, if any. */
export function claimHtml(
  claim: Claim | undefined,
  r: ClaimResult,
  number: string | undefined,
  established: boolean | undefined,
  m: MathRenderer,
  prose: ProseRenderer,
  byId: Map<string, ClaimResult>,
  link: (id: string) => string,
  correctedBy: string | undefined,
  figureId: () => string,
  replays: Array<{ check: number; command: string }>,
): string {
  // A short claim is kept on one page in print; a long one may break between its checks.
  const size =
    r.checks.length +
    (r.derivation ? r.derivation.model.length + r.derivation.steps.length : 0) / 2 +
    (r.figures?.length ?? 0) * 4 +
    (claim?.reading ? claim.reading.length / 500 : 0);
  const out: string[] = [
    `<section class="claim ${r.verdict}${size <= 2.5 ? ' short' : ''}" id="${esc(r.id)}" aria-labelledby="${esc(r.id)}-title">`,
  ];
  // The title, where the claim comes from and its statement stay on one page together.
  out.push(
    `<div class="claim-head"><header><h3 id="${esc(r.id)}-title">${number ? `<span class="claim-no">Claim ${number}</span> ` : ''}${esc(r.title)}</h3>${badge(r.verdict)}<a class="id" href="#${esc(r.id)}">${esc(r.id)}</a></header>`,
  );
  if (claim) {
    const lecture = claim.lecture
      ? `<span class="no-print">${esc(claim.lecture.title)} (<code>${esc(claim.lecture.seed)}</code>), </span>`
      : '';
    out.push(
      `<p class="muted source">${lecture}${esc(claim.where)} · <code>${esc(claim.file)}:${claim.pos.line}</code></p>`,
    );
    m.source = { file: claim.file, line: claim.statement.pos.line, column: claim.statement.pos.column };
    out.push(`<div class="statement">${m.render(claim.statement.tex, true)}</div>`);
  }
  out.push('</div>');
  m.source = claim ? { file: claim.file, line: claim.pos.line } : { file: r.file, line: r.line };
  if (claim) {
    if (claim.reading) out.push(`<div class="reading"><strong>Reading checked:</strong> ${prose(claim.reading)}</div>`);
    if (claim.corrects) out.push(`<p>Corrects ${link(claim.corrects.id)}.</p>`);
    if (claim.modelFrom) out.push(`<p>Model: that of ${link(claim.modelFrom.id)}.</p>`);
    if (claim.uses.length)
      out.push(
        `<p>Uses: ${claim.uses.map((u) => `${link(u.id)} ${badge(byId.get(u.id)?.verdict ?? 'not-checked')}`).join(', ')}${established === false && (r.verdict === 'proved' || r.verdict === 'verified') ? ' — <strong>not fully established</strong>: something it uses is not proved or verified.' : ''}</p>`,
      );
  }
  // In print the badge beside the title says it, unless the verdict differs from the expected one.
  out.push(
    `<p${r.asExpected ? ' class="no-print"' : ''}><strong>Verdict:</strong> ${badge(r.verdict)}${r.expected ? ` <span class="muted">(expected: ${esc(r.expected)}${r.asExpected ? '' : ' — <strong>differs</strong>'})</span>` : ''}</p>`,
  );
  if (r.verdict === 'refuted' && claim?.finding)
    out.push(
      `<div class="finding"><strong>Finding:</strong> ${prose(claim.finding)}${correctedBy ? `<p>Corrected by ${correctedBy}.</p>` : ''}</div>`,
    );
  if (r.reason && (r.verdict === 'not-checked' || r.verdict === 'error'))
    out.push(`<p>${esc(textNumbers(r.reason))}</p>`);
  if (r.errors.length)
    out.push(`<div class="errors">${r.errors.map((e) => esc(formatDiagnostic(e))).join('\n')}</div>`);
  // Derived names that are only identifiers are shown by their definitions.
  const named = definedNames(
    r.derivation?.steps ?? [],
    new Set((claim?.derive ?? []).flatMap((d) => (d.latex ? [d.name] : []))),
  );
  if (r.derivation) {
    out.push('<div class="derivation"><h4>Derivation</h4>');
    for (const mdl of r.derivation.model) out.push(`<div class="step">${m.render(texNumbers(mdl.tex), true)}</div>`);
    for (const s of r.derivation.steps) {
      const name = named.shownByDefinition(s) ? '' : `<span class="name">${m.render(s.nameTex)}</span> `;
      out.push(
        `<div class="step">${name}<span class="muted">(${esc(STEPS.get(s.kind)?.title ?? s.kind)})</span>${m.render(texNumbers(named(s.tex)), true)}</div>`,
      );
      if (s.notes.length)
        out.push(`<ul class="notes">${s.notes.map((n) => `<li>${prose.inline(n)}</li>`).join('')}</ul>`);
    }
    if (r.derivation.notes.length)
      out.push(`<ul class="notes">${r.derivation.notes.map((n) => `<li>${prose.inline(n)}</li>`).join('')}</ul>`);
    out.push('</div>');
  }
  r.checks.forEach((c, k) => out.push(checkHtml(c, m, named, replays.find((p) => p.check === k)?.command)));
  for (const f of r.figures ?? []) out.push(figureSvg(f, figureId()));
  out.push('</section>');
  m.source = undefined;
  return out.join('\n');
}
