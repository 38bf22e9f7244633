// MVS-2: the holder's toolkit: the keurmerk's logo in colour and in black-and-white (SVG), drawn from
// the scheme's name, so every holder of a scheme gets the same files with its certificate.
function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function logo(name: string, fill: string, ink: string): string {
  const label = escape(name);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="160" viewBox="0 0 480 160">
  <rect x="4" y="4" width="472" height="152" rx="24" fill="${fill}" stroke="${ink}" stroke-width="6"/>
  <circle cx="80" cy="80" r="44" fill="none" stroke="${ink}" stroke-width="8"/>
  <path d="M58 80 l16 16 l30 -34" fill="none" stroke="${ink}" stroke-width="10" stroke-linecap="round"/>
  <text x="140" y="92" font-family="Helvetica, Arial, sans-serif" font-size="22" fill="${ink}">${label}</text>
</svg>
`;
}

export function toolkitLogos(schemeName: string): { filename: string; content: string; contentType: string }[] {
  const base = schemeName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return [
    { filename: `logo-${base}-kleur.svg`, content: logo(schemeName, '#e8f4ea', '#1b6b3a'), contentType: 'image/svg+xml' },
    { filename: `logo-${base}-zwart-wit.svg`, content: logo(schemeName, '#ffffff', '#000000'), contentType: 'image/svg+xml' },
  ];
}
