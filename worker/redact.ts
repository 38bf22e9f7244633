// Settings are printed (the `npm start` banner, error messages), secrets never: a URL's password is
// replaced by *** wherever one is shown, e.g. smtps://keurmerk:***@smtp.example:465.
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    // Not a URL: still hide anything that looks like user:password@.
    return url.replace(/\/\/([^:/@\s]*):[^@\s]*@/, '//$1:***@');
  }
}
