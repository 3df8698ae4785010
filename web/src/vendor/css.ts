// The vendor app's critical CSS, inlined in every screen (one round trip on 2G). Mobile first,
// system fonts, colours at least 4.5:1 on white, header links tall enough to tap (≥ 24 px,
// WCAG 2.5.8), logical sides (Arabic reads right to left); `@media print` makes the packing slip.
const SOURCE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f4f5f2}
a{color:#0a4d8c}
h1{font-size:1.3rem;margin:.6rem 0}
h2{font-size:1.05rem;margin:1.1rem 0 .4rem}
.skip{position:absolute;left:-999px}
.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem}
.top{background:#0b5d3b;color:#fff;padding:.4rem .75rem;display:flex;flex-wrap:wrap;gap:.3rem .9rem;align-items:center}
.top a{color:#fff;display:inline-block;padding:.35rem 0}
.top b{margin-inline-end:auto}
.top form{margin:0}
.top button{background:none;border:0;color:#fff;text-decoration:underline;padding:.35rem 0;font-weight:400}
main{padding:0 .75rem 1.5rem;max-width:48rem;margin:0 auto}
input,select,textarea,button{font:inherit;padding:.45rem;border:1px solid #767676;border-radius:4px;background:#fff;color:#1b1b1b;max-width:100%}
button,.btn{background:#f2c200;border-color:#a88600;font-weight:600;cursor:pointer;text-decoration:none;display:inline-block;padding:.45rem .8rem;border-radius:4px;color:#1b1b1b}
.alt{background:#fff}
.note{background:#fff4ce;border-inline-start:4px solid #a88600;padding:.5rem .75rem;margin:.6rem 0}
.err{background:#fde8e8;border-color:#a4161a}
.panel{background:#fff;border-radius:6px;padding:.7rem;margin:.6rem 0}
.stack{display:grid;gap:.55rem}
.stack label{display:grid;gap:.15rem}
.row{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;justify-content:space-between}
.row form{display:flex;gap:.3rem;align-items:center;margin:0}
.list{list-style:none;padding:0;margin:0}
.list>li{background:#fff;border-radius:6px;padding:.55rem .7rem;margin-bottom:.4rem}
.meta{color:#595959;font-size:.85rem}
.n{width:5.5rem}
.tag{font-size:.8rem;font-weight:600;padding:.1rem .45rem;border-radius:99px;background:#e8e9e4}
.big{font-size:1.4rem;font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff}
td,th{text-align:start;padding:.35rem;border-bottom:1px solid #ddd}
.num{text-align:end}
footer{padding:1rem .75rem;text-align:center;font-size:.9rem}
@media print{.top,footer,form,.noprint,#outbox{display:none!important}body{background:#fff}.panel{padding:0}}
`;

/** The vendor stylesheet, whitespace collapsed. */
export const VENDOR_CSS = SOURCE.replace(/\s*\n\s*/g, '').replace(/\s*([{};,])\s*/g, '$1');
