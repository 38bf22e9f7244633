// The PDF certificate of SEBO-T10: who holds which keurmerk, from when until when. Rendered inside
// the email activity (never carried through workflow history: payloads stay small and free of
// binary data). The creation date is the workflow's time, so a retried activity renders the same file.
import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';

export interface CertificateData {
  certificateNumber: string;
  schemeName: string;
  companyName: string;
  kvkNumber: string;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
}

function dutchDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'Europe/Amsterdam' }).setLocale('nl').toFormat('d MMMM yyyy');
}

export function renderCertificate(c: CertificateData): Promise<Buffer> {
  return new Promise((resolvePdf, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      info: { Title: `Certificaat ${c.schemeName} ${c.certificateNumber}`, Author: 'Gemeente Zoetermeer', CreationDate: new Date(c.issuedAt) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(26).text('Certificaat', { align: 'center' }).moveDown();
    doc.fontSize(18).text(c.schemeName, { align: 'center' }).moveDown(2);
    doc.fontSize(12).text('De gemeente Zoetermeer verklaart dat', { align: 'center' }).moveDown();
    doc.fontSize(16).text(c.companyName, { align: 'center' });
    doc.fontSize(11).text(`KvK-nummer ${c.kvkNumber}`, { align: 'center' }).moveDown();
    doc.fontSize(12).text('voldoet aan de keurmerkcriteria en het keurmerk mag voeren', { align: 'center' });
    doc.text(`van ${dutchDate(c.validFrom)} tot en met ${dutchDate(c.validUntil)}.`, { align: 'center' }).moveDown(2);
    doc.fontSize(10).text(`Certificaatnummer ${c.certificateNumber} · uitgegeven ${dutchDate(c.issuedAt)}`, { align: 'center' });
    doc.end();
  });
}
