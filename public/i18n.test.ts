import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * Every user-visible string of the app goes through @kbn/i18n (issue 13, item 6), checked the
 * way a reviewer reads the code: no text between JSX tags, no literal in the props and object
 * keys that EUI shows to the user, no literal toast title. Translation ids start with the
 * `.i18nrc.json` prefix, and one id always has one default message (Kibana's i18n_check rules).
 */

const PUBLIC_DIR = __dirname;
const PREFIX = 'auditSources.';

/** JSX props whose string value EUI renders as text. */
const TEXT_PROPS = new Set([
  'title',
  'label',
  'placeholder',
  'helpText',
  'aria-label',
  'content',
  'description',
  'tooltipContent',
  'noItemsMessage',
  'confirmButtonText',
  'cancelButtonText',
  'buttonText',
  'legend',
  'prepend',
  'append',
  'error',
]);

/** Object keys that hold display text (EUI columns, options, tabs, form field definitions). */
const TEXT_KEYS = new Set([
  'name',
  'text',
  'label',
  'title',
  'description',
  'helpText',
  'placeholder',
  'message',
]);

/** Toast and notification calls whose string arguments are shown to the user. */
const NOTIFY_CALLS = new Set([
  'success',
  'error',
  'warning',
  'addSuccess',
  'addDanger',
  'addWarning',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test_utils' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Prose, not an identifier, a field name, a URL or a CSS value. */
function looksLikeText(value: string): boolean {
  const trimmed = value.trim();
  if (!/[A-Za-z]/.test(trimmed)) return false;
  if (/^[a-z0-9_.@/#:*-]+$/.test(trimmed)) return false;
  return /[A-Z]/.test(trimmed) || /\s/.test(trimmed);
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isJsxExpression(node)) return stringValue(node.expression);
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => s.literal.text).join(' ');
  return undefined;
}

function propertyName(name: ts.PropertyName | ts.JsxAttributeName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();
}

function untranslated(file: string): Finding[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true
  );
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) =>
    findings.push({
      file: path.relative(PUBLIC_DIR, file),
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text: text.trim().slice(0, 60),
    });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && looksLikeText(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && TEXT_PROPS.has(propertyName(node.name))) {
      const value = stringValue(node.initializer);
      if (value !== undefined && looksLikeText(value)) report(node, value);
    }
    if (ts.isPropertyAssignment(node) && TEXT_KEYS.has(propertyName(node.name))) {
      const value = stringValue(node.initializer);
      if (value !== undefined && looksLikeText(value)) report(node, value);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      NOTIFY_CALLS.has(node.expression.name.text)
    ) {
      for (const argument of node.arguments) {
        const value = stringValue(argument);
        if (value !== undefined && looksLikeText(value)) report(argument, value);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** `i18n.translate('id', { defaultMessage })` and `<FormattedMessage id defaultMessage />`. */
function messages(file: string): Array<{ id: string; defaultMessage?: string; where: string }> {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true
  );
  const found: Array<{ id: string; defaultMessage?: string; where: string }> = [];
  const where = (node: ts.Node) =>
    `${path.relative(PUBLIC_DIR, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'translate' &&
      node.expression.expression.getText() === 'i18n'
    ) {
      const id = stringValue(node.arguments[0]);
      const options = node.arguments[1];
      let defaultMessage: string | undefined;
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (
            ts.isPropertyAssignment(property) &&
            propertyName(property.name) === 'defaultMessage'
          ) {
            defaultMessage = stringValue(property.initializer);
          }
        }
      }
      found.push({ id: id ?? '(not a literal)', defaultMessage, where: where(node) });
    }
    if (
      (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) &&
      node.tagName.getText() === 'FormattedMessage'
    ) {
      const attribute = (name: string) =>
        node.attributes.properties.find(
          (p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && propertyName(p.name) === name
        );
      found.push({
        id: stringValue(attribute('id')?.initializer) ?? '(not a literal)',
        defaultMessage: stringValue(attribute('defaultMessage')?.initializer),
        where: where(node),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('i18n of the app', () => {
  const files = sourceFiles(PUBLIC_DIR);

  it('has no user-visible string outside i18n', () => {
    expect(files.flatMap(untranslated)).toEqual([]);
  });

  it('uses literal ids with the auditSources prefix and a default message', () => {
    const bad = files
      .flatMap(messages)
      .filter((m) => !m.id.startsWith(PREFIX) || !m.defaultMessage)
      .map((m) => `${m.where} ${m.id}`);
    expect(bad).toEqual([]);
  });

  it('gives one id one default message', () => {
    const byId = new Map<string, Set<string>>();
    for (const message of files.flatMap(messages)) {
      const defaults = byId.get(message.id) ?? new Set<string>();
      defaults.add(message.defaultMessage ?? '');
      byId.set(message.id, defaults);
    }
    const conflicting = [...byId].filter(([, defaults]) => defaults.size > 1).map(([id]) => id);
    expect(conflicting).toEqual([]);
  });

  it('finds what it is meant to find (the checker itself)', () => {
    expect(looksLikeText('Create connector')).toBe(true);
    expect(looksLikeText('event.action')).toBe(false);
    expect(looksLikeText('@timestamp')).toBe(false);
    expect(looksLikeText('s')).toBe(false);
  });
});
