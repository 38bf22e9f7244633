// SEBO-T10: the certificate is an A4 page a municipality would hand out. Rendered to an image with
// poppler (pdftoppm, Debian's poppler-utils) and read back (pdftotext), so the test sees what a
// person sees: the page size, the emblem in the scheme's colour, the words and dates, a signature line.
// poppler is found on PATH or installed with apt-get as in CI; when neither works the test fails
// with what to install (never skipped).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderCertificate, lastValidDay } from '../../activities/certificate/render-certificate';
import { getScheme } from '../../domain/catalogue';

function poppler(): void {
  const has = () => spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).error === undefined;
  if (has()) return;
  // CI and this machine are Debian: the same package either way.
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'poppler-utils'], { stdio: 'ignore' });
  if (!has()) throw new Error('pdftoppm (poppler-utils) is missing and could not be installed: run `apt-get install -y poppler-utils`');
}

/** A binary PPM (P6) as width, height and RGB bytes. */
function readPpm(file: string): { width: number; height: number; rgb: Buffer } {
  const data = readFileSync(file);
  const header = data.subarray(0, 64).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header)!;
  return { width: Number(m[1]), height: Number(m[2]), rgb: data.subarray(m[0].length) };
}

const certificate = {
  certificateNumber: 'SEBO-12345678-20260301',
  schemeName: 'SEBO-Keurmerk',
  schemeId: 'sebo',
  companyName: 'Bakkerij De Korenschoof',
  kvkNumber: '12345678',
  validFrom: '2026-03-01T00:00:00.000+01:00',
  validUntil: '2028-03-01T00:00:00.000+01:00',
  issuedAt: '2026-03-02T09:15:00.000+01:00',
};

let dir: string;
let text: string;
let page: { width: number; height: number; rgb: Buffer };

describe('SEBO-T10: the certificate PDF', () => {
  beforeAll(async () => {
    poppler();
    dir = mkdtempSync(join(tmpdir(), 'keurmerk-certificate-'));
    const pdf = join(dir, 'certificaat.pdf');
    writeFileSync(pdf, await renderCertificate(certificate));
    execFileSync('pdftoppm', ['-r', '50', '-singlefile', pdf, join(dir, 'page')]);
    execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf, join(dir, 'page')]);
    page = readPpm(join(dir, 'page.ppm'));
    text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    // Kept for a person to look at (test/artifacts/, as the UI screenshots).
    mkdirSync(resolve(__dirname, '../artifacts'), { recursive: true });
    copyFileSync(join(dir, 'page.png'), resolve(__dirname, '../artifacts/certificate-sebo.png'));
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SEBO-T10: is one A4 page (210 x 297 mm)', () => {
    // 50 dpi: 210 mm = 413.4 px, 297 mm = 584.6 px (pdftoppm rounds up).
    expect(Math.abs(page.width - 413.4)).toBeLessThan(1);
    expect(Math.abs(page.height - 584.6)).toBeLessThan(1);
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(1);
  });

  it('SEBO-T10: names the holder, the keurmerk, the issuer, the number and the validity with its last valid day', () => {
    const words = text.replace(/\s+/g, ' ');
    expect(words).toContain('CERTIFICAAT');
    expect(words).toContain('SEBO-Keurmerk');
    expect(words).toContain('Gemeente Zoetermeer verklaart dat');
    expect(words).toContain('Bakkerij De Korenschoof');
    expect(words).toContain('KvK-nummer 12345678');
    expect(words).toContain('van 1 maart 2026 tot en met 29 februari 2028');
    expect(words).toContain('Certificaatnummer SEBO-12345678-20260301');
    expect(words).toContain('Uitgegeven te Zoetermeer op 2 maart 2026');
    expect(words).toContain('namens het college van burgemeester en wethouders van Zoetermeer');
  });

  it('SEBO-T10: the emblem is drawn in the scheme\'s colour at the top, and there is a signature line', () => {
    const colour = getScheme('sebo').certificate!.colour;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    const near = (x: number, y: number, c: [number, number, number], tol = 40) => {
      const i = (y * page.width + x) * 3;
      return Math.abs(page.rgb[i]! - c[0]) < tol && Math.abs(page.rgb[i + 1]! - c[1]) < tol && Math.abs(page.rgb[i + 2]! - c[2]) < tol;
    };
    // The seal: centred, its middle 150 pt from the top = 104 px at 50 dpi; count its pixels in the scheme colour.
    let seal = 0;
    for (let y = 70; y < 140; y++) for (let x = 170; x < 243; x++) if (near(x, y, [r!, g!, b!])) seal++;
    expect(seal).toBeGreaterThan(1500);
    // The signature line: a dark horizontal run across the middle, 195 pt from the bottom (~449 px).
    const dark = (y: number) => Array.from({ length: 150 }, (_, k) => 131 + k).filter((x) => near(x, y, [26, 26, 26], 90)).length;
    const line = Math.max(...Array.from({ length: 12 }, (_, k) => dark(443 + k)));
    expect(line).toBeGreaterThan(130);
  });

  it('SEBO-T10: the last valid day is the day before the end, whether the end is midnight or end of day', () => {
    expect(lastValidDay('2028-03-01T00:00:00.000+01:00')).toBe('29 februari 2028');
    expect(lastValidDay('2028-02-29T23:59:59.999+01:00')).toBe('29 februari 2028');
  });
});
