// The PDF certificate of SEBO-T10: an A4 page a municipality hands out and a holder hangs on the wall.
// Who holds which keurmerk, from when until when, the certificate number, where and when it was
// issued, a signature line, and the scheme's emblem drawn from the scheme data (its colour, the letters
// in its seal, an optional vector path; domain/scheme.ts `certificate`). Rendered inside the email
// activity (never carried through workflow history: payloads stay small and free of binary data). The
// creation date is the workflow's time, so a retried activity renders the same file.
import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import { builtInSchemes } from '../../domain/catalogue';
import type { SchemeDefinition } from '../../domain/scheme';

export interface CertificateData {
  certificateNumber: string;
  schemeName: string;
  companyName: string;
  kvkNumber: string;
  validFrom: string;
  /** The validity's end as the domain writes it (`expiresAt`): the certificate shows its last valid day. */
  validUntil: string;
  issuedAt: string;
  /** The scheme, when the caller knows it; otherwise it is found by its name. */
  schemeId?: string;
}

type Look = NonNullable<SchemeDefinition['certificate']>;

/** A scheme without its own look still gets a dignified certificate. */
const PLAIN: Look = { colour: '#1f3a5f', logoText: 'KM', issuer: 'Gemeente', place: '', signatory: 'namens het college van burgemeester en wethouders' };

function schemeOf(c: CertificateData): SchemeDefinition | undefined {
  return builtInSchemes.find((s) => s.id === c.schemeId) ?? builtInSchemes.find((s) => s.name === c.schemeName);
}

const ZONE = 'Europe/Amsterdam';

function dutchDate(iso: string, zone = ZONE): string {
  return DateTime.fromISO(iso, { zone }).setZone(zone).setLocale('nl').toFormat('d MMMM yyyy');
}

/**
 * The last day the certificate is valid. The domain's end is either the first moment it no longer
 * holds (midnight) or the end of the last day (23:59:59.999); one millisecond earlier is the last
 * valid day in both cases.
 */
export function lastValidDay(validUntil: string, zone = ZONE): string {
  return DateTime.fromISO(validUntil, { zone }).setZone(zone).minus({ milliseconds: 1 }).setLocale('nl').toFormat('d MMMM yyyy');
}

const A4 = { width: 595.28, height: 841.89 };

export function renderCertificate(c: CertificateData): Promise<Buffer> {
  const scheme = schemeOf(c);
  const look = scheme?.certificate ?? { ...PLAIN, issuer: scheme?.owner ?? PLAIN.issuer };
  const zone = scheme?.zone ?? ZONE;
  const accent = look.accent ?? look.colour;
  return new Promise((resolvePdf, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      info: { Title: `Certificaat ${c.schemeName} ${c.certificateNumber}`, Author: look.issuer, Subject: `${c.schemeName} voor ${c.companyName}`, CreationDate: new Date(c.issuedAt) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);

    const { width, height } = A4;
    const centre = (text: string, y: number, size: number, font = 'Helvetica', colour = '#1a1a1a') =>
      doc.font(font).fontSize(size).fillColor(colour).text(text, 60, y, { width: width - 120, align: 'center' });

    // Frame: a broad band in the scheme's colour and a thin accent line inside it.
    doc.lineWidth(10).strokeColor(look.colour).rect(24, 24, width - 48, height - 48).stroke();
    doc.lineWidth(1.5).strokeColor(accent).rect(40, 40, width - 80, height - 80).stroke();

    // Emblem: a seal in the scheme's colour with its letters, and the scheme's own drawing above them.
    const cx = width / 2;
    const cy = 150;
    doc.circle(cx, cy, 58).fill(look.colour);
    doc.lineWidth(3).circle(cx, cy, 50).strokeColor('#ffffff').stroke();
    if (look.logoPath) {
      doc.save().translate(cx - 30, cy - 52).scale(0.6).path(look.logoPath).fill(accent).restore();
    }
    doc.font('Helvetica-Bold').fontSize(look.logoText.length > 4 ? 16 : 22).fillColor('#ffffff')
      .text(look.logoText, cx - 50, cy + 6, { width: 100, align: 'center' });

    centre('CERTIFICAAT', 235, 34, 'Helvetica-Bold', look.colour);
    centre(c.schemeName, 280, 20, 'Helvetica', accent);

    centre(`${look.issuer} verklaart dat`, 340, 13);
    centre(c.companyName, 368, c.companyName.length > 40 ? 20 : 26, 'Helvetica-Bold');
    centre(`KvK-nummer ${c.kvkNumber}`, doc.y + 6, 12, 'Helvetica', '#444444');
    centre(`voldoet aan de keurmerkcriteria en gerechtigd is het ${c.schemeName} te voeren.`, doc.y + 18, 13);

    // Validity, in a box: what a reader looks for first.
    const boxY = doc.y + 26;
    doc.lineWidth(1).roundedRect(110, boxY, width - 220, 62, 6).fillAndStroke('#f3f6f9', look.colour);
    centre('Geldig', boxY + 10, 11, 'Helvetica', '#444444');
    centre(`van ${dutchDate(c.validFrom, zone)} tot en met ${lastValidDay(c.validUntil, zone)}`, boxY + 28, 15, 'Helvetica-Bold');

    centre(`Certificaatnummer ${c.certificateNumber}`, boxY + 86, 12, 'Helvetica-Bold', look.colour);
    centre(`Uitgegeven${look.place ? ` te ${look.place}` : ''} op ${dutchDate(c.issuedAt, zone)}`, doc.y + 4, 11, 'Helvetica', '#444444');

    // Signature line.
    const signY = height - 195;
    doc.lineWidth(0.8).strokeColor('#1a1a1a').moveTo(width / 2 - 130, signY).lineTo(width / 2 + 130, signY).stroke();
    centre(look.signatory, signY + 8, 10, 'Helvetica', '#1a1a1a');
    centre(look.issuer, doc.y + 2, 10, 'Helvetica-Bold', '#1a1a1a');

    centre(
      'Het recht op het voeren van het keurmerk geldt zolang het niet is geschorst of ingetrokken (keurmerkreglement, bijlage 3, artikel 7) ' +
        'en vervalt aan het einde van de geldigheidsduur (artikel 2c). Het openbare register van keurmerkhouders toont de actuele stand.',
      height - 112,
      8.5,
      'Helvetica',
      '#555555',
    );
    doc.end();
  });
}
