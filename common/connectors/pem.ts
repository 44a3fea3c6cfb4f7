import { PEM_BEGIN, PEM_END } from './fields';
import { message, type FieldMessage } from './field_messages';

/*
 * PEM text without crypto, for the browser form (the server parses each certificate with
 * node:crypto's X509Certificate, server/connectors/settings_checks.ts). indexOf and char loops
 * only: the text is up to 64 KiB of user input.
 */

/** Each `-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----` block, at most `limit` + 1. */
export function pemBlocks(text: string, limit: number): string[] {
  const blocks: string[] = [];
  let from = 0;
  while (blocks.length <= limit) {
    const begin = text.indexOf(PEM_BEGIN, from);
    if (begin < 0) break;
    const end = text.indexOf(PEM_END, begin + PEM_BEGIN.length);
    if (end < 0) break;
    blocks.push(text.slice(begin, end + PEM_END.length));
    from = end + PEM_END.length;
  }
  return blocks;
}

function isBase64Char(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    (code >= 48 && code <= 57) || // 0-9
    code === 43 || // +
    code === 47 // /
  );
}

/** What is wrong with one block's body: base64 lines, `=` only as padding, DER starting 0x30. */
function bodyProblem(block: string): FieldMessage | undefined {
  const body = block
    .slice(PEM_BEGIN.length, block.length - PEM_END.length)
    .split('\n')
    .map((line) => line.trim())
    .join('');
  if (body === '') return message('pemShape');
  let padding = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code === 61 /* = */) padding++;
    else if (padding > 0 || !isBase64Char(code)) return message('pemBodyNotBase64');
  }
  if (padding > 2 || body.length % 4 !== 0) return message('pemBodyNotBase64');
  // A certificate is a DER SEQUENCE: first byte 0x30, whose base64 starts with "M".
  return body.startsWith('M') ? undefined : message('pemBodyNotCertificate');
}

/** Most blocks the form looks at; the server accepts at most 100 and says so itself. */
const MAX_BLOCKS_CHECKED = 100;

/**
 * A message when `text` has a certificate block whose body cannot be a certificate (garbage
 * between the BEGIN and END lines); undefined when every block looks like one. Whether it
 * really parses is the server's call.
 */
export function pemStructureProblem(text: string): FieldMessage | undefined {
  const blocks = pemBlocks(text, MAX_BLOCKS_CHECKED);
  if (blocks.length === 0) return message('pemShape');
  for (const block of blocks.slice(0, MAX_BLOCKS_CHECKED)) {
    const problem = bodyProblem(block);
    if (problem) return problem;
  }
  return undefined;
}
