import { createHash } from 'node:crypto';

/**
 * The page's only style, inline: the Content-Security-Policy allows exactly
 * this text by its hash, and no script at all. Narrow screens show each table
 * row as a block of "label: value" lines instead of columns.
 */
export const STATUS_PAGE_CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;padding:0.75rem;max-width:80rem;line-height:1.4;color:#1d1d1f;background:#fff}
h1{font-size:1.3rem;margin:0 0 0.25rem}
h2{font-size:1.1rem;margin:1.5rem 0 0.5rem}
.meta{color:#555;font-size:0.9rem;margin:0}
.summary{font-size:1.1rem;font-weight:600;margin:0.75rem 0;padding:0.5rem 0.75rem;border-radius:0.4rem;background:#f2f2f2}
.summary.bad{background:#fde8e8}
table{border-collapse:collapse;width:100%;font-size:0.95rem}
th,td{text-align:left;vertical-align:top;padding:0.35rem 0.5rem;border-bottom:1px solid #ddd;overflow-wrap:anywhere}
th{background:#f7f7f7}
.bad{color:#b00020;font-weight:600}
.warn{color:#8a5300}
.good{color:#17702e}
.error{padding:0.75rem;border-radius:0.4rem;background:#fde8e8;color:#b00020}
.more{color:#555}
@media (max-width:40rem){
  thead{display:none}
  table,tbody,tr,td{display:block;width:100%}
  tr{border:1px solid #ddd;border-radius:0.4rem;margin:0 0 0.6rem;padding:0.25rem 0}
  td{border:none;padding:0.15rem 0.6rem;box-sizing:border-box}
  td::before{content:attr(data-label) ": ";font-weight:600;color:#555}
}
@media (prefers-color-scheme:dark){
  body{color:#e8e8e8;background:#161616}
  .summary,th{background:#262626}
  .summary.bad,.error{background:#3a1518}
  .meta,.more,td::before{color:#aaa}
  th,td,tr{border-color:#333}
  .bad{color:#ff6b7d}.warn{color:#f0b35a}.good{color:#5fd17a}
}
`;

/** The CSP source that allows STATUS_PAGE_CSS in a <style> element, and nothing else. */
export const STATUS_PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(STATUS_PAGE_CSS).digest('base64')}'`;

/** No script, no frames, no forms; images only as data: (the empty favicon). */
export const STATUS_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${STATUS_PAGE_CSS_HASH}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
