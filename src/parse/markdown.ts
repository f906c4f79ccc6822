/**
 * Splits a claim file into front matter, prose and ```claim blocks, keeping line numbers. Claim
 * files are Markdown so that the checked file is the handout's source: prose and claims together.
 */
export interface RawBlock {
  type: 'prose' | 'claim' | 'frontmatter';
  text: string;
  /** 1-based line of the block's first content line. */
  line: number;
}

export interface SplitResult {
  blocks: RawBlock[];
  /** An unterminated fence: line where it opened. */
  unclosed?: { line: number; what: string };
}

export function splitClaimFile(text: string): SplitResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: RawBlock[] = [];
  let k = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, j) => j > 0 && l.trim() === '---');
    if (end < 0) return { blocks, unclosed: { line: 1, what: 'front matter (---)' } };
    blocks.push({ type: 'frontmatter', text: lines.slice(1, end).join('\n'), line: 2 });
    k = end + 1;
  }
  let prose: string[] = [];
  let proseLine = k + 1;
  const flush = () => {
    if (prose.some((l) => l.trim() !== '')) blocks.push({ type: 'prose', text: prose.join('\n'), line: proseLine });
    prose = [];
  };
  let inOtherFence: string | undefined;
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*$/.exec(line);
    if (inOtherFence) {
      prose.push(line);
      if (fence && fence[2]!.startsWith(inOtherFence) && fence[3] === '') inOtherFence = undefined;
      continue;
    }
    if (fence && fence[3] === 'claim') {
      flush();
      const open = k;
      const marker = fence[2]!;
      const body: string[] = [];
      k++;
      while (k < lines.length && !(lines[k]!.trim().startsWith(marker) && lines[k]!.trim().replace(/[`~]/g, '') === ''))
        body.push(lines[k++]!);
      // An unclosed fence loses only its own block: what came before is still checked.
      if (k >= lines.length) {
        flush();
        return { blocks, unclosed: { line: open + 1, what: 'claim block (```claim)' } };
      }
      blocks.push({ type: 'claim', text: body.join('\n'), line: open + 2 });
      proseLine = k + 2;
      continue;
    }
    if (fence && fence[3] !== undefined) inOtherFence = fence[2]!;
    if (prose.length === 0) proseLine = k + 1;
    prose.push(line);
  }
  flush();
  return { blocks };
}
