// Renders a Dutch email from its Handlebars pair beside this file: `<name>.html.hbs` (values
// HTML-escaped by Handlebars' `{{ }}`) and `<name>.txt.hbs` (plain text, compiled with noEscape so a
// company called "Bakker & Zn" stays readable). The subject is the first line of the text template,
// prefixed with "Onderwerp: ", so each email's wording lives in one place.
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';

const TEMPLATE_DIR = join(__dirname, 'templates');

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const hbs = Handlebars.create();
// Dates in emails read as Dutch calendar dates in the scheme's time zone: "3 maart 2027".
hbs.registerHelper('datum', (value: unknown) => {
  if (typeof value !== 'string') return '';
  const dt = DateTime.fromISO(value, { zone: 'Europe/Amsterdam' });
  return dt.isValid ? dt.setLocale('nl').toFormat('d MMMM yyyy') : value;
});

type Compiled = { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate };
const cache = new Map<string, Compiled>();

function compile(name: string): Compiled {
  const hit = cache.get(name);
  if (hit) return hit;
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`unknown email template "${name}"`);
  const textSource = readFileSync(join(TEMPLATE_DIR, `${name}.txt.hbs`), 'utf8');
  const htmlSource = readFileSync(join(TEMPLATE_DIR, `${name}.html.hbs`), 'utf8');
  const [first, ...rest] = textSource.split('\n');
  if (!first.startsWith('Onderwerp: ')) throw new Error(`template ${name}.txt.hbs must start with "Onderwerp: "`);
  const compiled: Compiled = {
    subject: hbs.compile(first.slice('Onderwerp: '.length).trim(), { noEscape: true }),
    text: hbs.compile(rest.join('\n').replace(/^\n+/, ''), { noEscape: true }),
    html: hbs.compile(htmlSource),
  };
  cache.set(name, compiled);
  return compiled;
}

export function renderEmail(template: string, data: Record<string, unknown>): RenderedEmail {
  const t = compile(template);
  return { subject: t.subject(data).replace(/\s+/g, ' '), text: t.text(data), html: t.html(data) };
}
