// Critical CSS, inlined in every page: no second request for a stylesheet on a
// 2G round trip. Mobile first (360 px wide), system fonts only, no web fonts.
// Colours keep at least 4.5:1 contrast on white.
const SOURCE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;overflow-wrap:anywhere;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f4f5f2}
a{color:#0a4d8c}
img{max-width:100%;height:auto;display:block}
h1{font-size:1.35rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
h3{font-size:.95rem;font-weight:500;margin:.35rem 0 0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;inset-inline-start:-999px}
.skip:focus{inset-inline-start:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:9}
.top{background:#0b5d3b;color:#fff;padding:.5rem .75rem;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem}
.logo{color:#fff;font-weight:700;text-decoration:none;font-size:1.1rem}
.nav{margin-inline-start:auto;display:flex;flex-wrap:wrap;gap:.1rem .9rem}
.nav a{color:#fff}
search{flex:1 1 100%;min-width:0}
.search{display:flex}
.search input{flex:1;width:0;min-width:0}
input,select,textarea,button{font:inherit;padding:.5rem;border:1px solid #767676;border-radius:4px;background:#fff;color:#1b1b1b;max-width:100%}
button,.btn{background:#f2c200;border-color:#a88600;color:#1b1b1b;font-weight:600;cursor:pointer;text-decoration:none;display:inline-block;padding:.5rem .9rem;border-radius:4px}
.search button{margin-inline-start:.25rem}
button:disabled{background:#ddd;border-color:#999;color:#4a4a4a;cursor:not-allowed}
main{padding:0 .75rem 1.5rem;max-width:72rem;margin:0 auto}
.crumbs ol{list-style:none;padding:0;margin:.5rem 0 0;font-size:.85rem;display:flex;flex-wrap:wrap}
.crumbs li+li:before{content:"›";padding:0 .35rem;color:#595959}
.note{background:#fff4ce;border-inline-start:4px solid #a88600;padding:.5rem .75rem;margin:.75rem 0}
.tiles,.grid,.chips{list-style:none;padding:0;margin:0;display:grid;gap:.5rem}
.tiles{grid-template-columns:repeat(2,minmax(0,1fr))}
.tiles a{display:block;background:#fff;padding:.75rem;border-radius:6px;text-decoration:none;font-weight:600;min-height:3.5rem}
.tiles small,.meta{display:block;font-weight:400;color:#595959;font-size:.8rem}
.chips{display:flex;flex-wrap:wrap}
.chips a{display:block;background:#fff;border:1px solid #c4c4c4;border-radius:99px;padding:.3rem .75rem;text-decoration:none;font-size:.9rem}
.grid{grid-template-columns:repeat(2,minmax(0,1fr))}
.card{position:relative;background:#fff;border-radius:6px;padding:.5rem;display:flex;flex-direction:column}
.card h3 a{color:#1b1b1b;text-decoration:none;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.card h3 a:after{content:"";position:absolute;inset:0}
.media{aspect-ratio:1;background:#e8e9e4;border-radius:4px;overflow:hidden;display:flex;align-items:center;justify-content:center;color:#595959;font-size:.8rem}
.media img{width:100%;height:100%;object-fit:cover}
.card p{margin:.2rem 0 0}
.price{font-weight:700;margin:.2rem 0 0}
.amt,.price{white-space:nowrap}
.out{color:#a4161a;font-weight:600}
.low{color:#8a4b00;font-weight:600}
.ok{color:#0b5d3b;font-weight:600}
.ph{position:relative;z-index:1;display:flex;align-items:center;justify-content:center;text-align:center;width:100%;height:100%;min-height:6rem;padding:.5rem;background:#e8e9e4;color:#0a4d8c;font-size:.85rem}
.filters{background:#fff;border-radius:6px;padding:.5rem .75rem;margin:.75rem 0}
summary{cursor:pointer;padding:.35rem 0}
.filters summary{font-weight:600;cursor:pointer;padding:.25rem 0}
.filters form{display:grid;gap:.6rem;margin-top:.5rem}
.filters label{display:grid;gap:.2rem;font-size:.9rem}
.filters .check{display:flex;gap:.5rem;align-items:center}
.pager{display:flex;justify-content:space-between;gap:.5rem;margin:1rem 0}
.gallery{display:flex;gap:.5rem;overflow-x:auto;scroll-snap-type:x mandatory;margin:0 -.75rem;padding:0 .75rem}
.gallery>*{flex:0 0 88%;scroll-snap-align:start;background:#fff;border-radius:6px;overflow:hidden}
.gallery>:only-child{flex-basis:100%}
.gallery .ph{aspect-ratio:1}
.panel{background:#fff;border-radius:6px;padding:.75rem;margin:.75rem 0}
.panel>:first-child,.panel>input+*{margin-top:0}
.skus{border:0;padding:0;margin:0 0 .75rem}
.skus legend{font-weight:600;margin-bottom:.35rem}
.sku{display:flex;gap:.5rem;align-items:flex-start;padding:.5rem;border:1px solid #c4c4c4;border-radius:4px;margin-bottom:.35rem}
.sku input{margin-top:.3rem}
.qty{display:flex;gap:.5rem;align-items:center;margin-bottom:.75rem}
.qty input{width:5rem}
.desc{white-space:pre-line}.review{border-top:1px solid #ddd;padding-top:.5rem}.reply{border-inline-start:3px solid #ddd;padding-inline-start:.5rem}
.err{background:#fde8e8;border-color:#a4161a}
.lines{list-style:none;padding:0;margin:0}
.line>div{min-width:0}
.line{display:flex;gap:.6rem;background:#fff;border-radius:6px;padding:.5rem;margin-bottom:.5rem}
.thumb{width:64px;height:64px;object-fit:cover;border-radius:4px;flex:none;background:#e8e9e4}
.line form{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap;margin-top:.35rem}
.line input{width:4.5rem}
.link{background:none;border:0;color:#0a4d8c;text-decoration:underline;font-weight:400;padding:.5rem .25rem}
.row,.sum{display:flex;justify-content:space-between;gap:.5rem;margin:.35rem 0}
.sum{font-weight:700}
.pick{padding:.75rem}
.sub{display:grid;gap:.4rem;margin:0 0 .5rem;margin-inline-start:1.75rem}
.stack{display:grid;gap:.6rem}
.stars{display:flex;flex-wrap:wrap;gap:.25rem .75rem;border:0;padding:0;margin:0}
.stack label{display:grid;grid-template-columns:minmax(0,1fr);gap:.2rem}
.stack .sku{display:flex}
footer{padding:1rem .75rem 2rem;text-align:center;font-size:.9rem;color:#404040}
footer button{background:#fff;border-color:#767676;font-weight:500}
.langs{display:flex;flex-wrap:wrap;justify-content:center;gap:.25rem .75rem;margin:.75rem 0}
@media(max-width:300px){.grid,.tiles{grid-template-columns:minmax(0,1fr)}main{padding:0 .5rem 1rem}.gallery{margin:0 -.5rem;padding:0 .5rem}.top{padding:.4rem .5rem}.search button{padding:.5rem}}
@media(min-width:600px){.grid{grid-template-columns:repeat(3,1fr)}.tiles{grid-template-columns:repeat(3,1fr)}.gallery>*{flex-basis:60%}.search{max-width:36rem}}
@media(min-width:900px){.grid{grid-template-columns:repeat(4,1fr)}.tiles{grid-template-columns:repeat(4,1fr)}.top{flex-wrap:nowrap;gap:1.5rem}search{flex:1}.nav{order:3}.product{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}.gallery>*{flex-basis:100%}}
`;

/** The page stylesheet, whitespace collapsed (it is sent inline with every page). */
export const CSS = SOURCE.replace(/\s*\n\s*/g, '').replace(/\s*([{};,])\s*/g, '$1');
