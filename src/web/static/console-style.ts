// The console's stylesheet, served as /static/console.css.
export const CONSOLE_CSS = `
:root{--fg:#1b1f24;--muted:#5b6570;--line:#d8dde3;--bg:#fff;--accent:#0b5cad;--warn:#b42318}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:#f5f7f9}
header{display:flex;gap:1rem;align-items:center;padding:.5rem 1rem;background:#12263a;color:#fff}header a{color:#fff;text-decoration:none}
header nav{display:flex;gap:1rem;align-items:center;flex:1}.brand{font-weight:700}.who{margin-left:auto;color:#c8d3de}
form.inline{display:inline}main{padding:1rem 1.5rem;max-width:1400px}
table{border-collapse:collapse;width:100%;background:var(--bg)}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}.snippet{max-width:40rem;overflow-wrap:anywhere}
tr.selected{background:#e6f0fb;outline:2px solid var(--accent)}tr.failed td.status{color:var(--warn)}
.filters,.bulk{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}.hint{color:var(--muted)}
.grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem}section{background:var(--bg);padding:1rem;border:1px solid var(--line)}
.post-text{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid var(--line);padding-left:.75rem}
mark{padding:0 .1em;border-radius:2px}.m-pay{background:#fde68a}.m-destination{background:#fecaca}.m-contact{background:#bfdbfe}.m-job{background:#ddd6fe}.m-flag{background:#fed7aa}.m-legit{background:#bbf7d0}.m-reason{background:#e5e7eb}
.actions form{margin:.25rem 0}.decide{display:flex;flex-direction:column;gap:.25rem}textarea{min-height:4rem}
.evidence img{max-width:100%;border:1px solid var(--line)}.error{color:var(--warn)}.ok{color:#067647}.unsafe-url{color:var(--warn)}
.login{max-width:22rem;margin:4rem auto}.login form{display:flex;flex-direction:column;gap:.5rem}
@media (max-width:900px){.grid{grid-template-columns:1fr}}
`;
