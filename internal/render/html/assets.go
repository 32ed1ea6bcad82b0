package html

import (
	"crypto/sha256"
	"encoding/base64"
)

// The page's only style sheet and script. The Content-Security-Policy
// allows exactly these two by their SHA-256 hash, so the output needs no
// nonce and stays byte-identical across runs.
// Nothing in them depends on the draft.

const css = `:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--mut:#595959;--ln:#d0d7de;--pan:#f4f6f8;--lnk:#0b57d0;--ins:#0a5c2a;--insb:#dcf3e2;--del:#9b1c1c;--delb:#fbe5e5;--mv:#4b2a8a;--mvb:#eee6fa;--mod:#8a5a00;--cur:#fff1a8}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#15171a;--mut:#a9adb3;--ln:#3a3f45;--pan:#1f2328;--lnk:#8ab4f8;--ins:#8fe6a7;--insb:#113a20;--del:#ffa8a8;--delb:#4a1c1c;--mv:#d6bcff;--mvb:#30244a;--mod:#f0c35b;--cur:#463c00}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",sans-serif}
a{color:var(--lnk)}
.wrap{--gut:4.75rem;max-width:54rem;margin:0 auto;padding:0 1rem 0 var(--gut)}
.sbs .wrap{max-width:100rem}
.skip{position:absolute;left:-999rem}
.skip:focus{left:1rem;top:.5rem;z-index:3;background:var(--bg);padding:.3rem .6rem}
h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .8rem}
h2,h3,h4,h5,h6{line-height:1.3;margin:1.6rem 0 .5rem}
h2{font-size:1.45rem}h3{font-size:1.25rem}h4{font-size:1.1rem}h5,h6{font-size:1rem}
.hd{padding-top:1.5rem}
.kick{margin:0;color:var(--mut);font-size:.85rem;text-transform:uppercase;letter-spacing:.08em}
.rounds{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem;margin:0 0 .6rem}
.rounds dt{font-weight:600}
.rounds dd{margin:0}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.875em}
.gen{color:var(--mut);font-size:.85rem;margin:.3rem 0}
.legend{border:1px solid var(--ln);border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
.legend h2,.sum h2,.nt h2,.chart h2{font-size:1.05rem;margin:.6rem 0 .3rem}
.legend ul{margin:.2rem 0 .6rem;padding-left:1.2rem;font-size:.9rem}
.legend .bx{display:inline-block;width:4px;height:1em;vertical-align:middle;background:var(--mod)}
.bar{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;padding:.35rem 1rem;background:var(--pan);border-bottom:1px solid var(--ln);font-size:.9rem}
.bar button{font:inherit;padding:.1rem .6rem;border:1px solid var(--ln);border-radius:4px;background:var(--bg);color:var(--fg);cursor:pointer}
.bar label{cursor:pointer}
.bar output{color:var(--mut);font-variant-numeric:tabular-nums}
.sum table{border-collapse:collapse;font-variant-numeric:tabular-nums}
.sum{display:flex;flex-wrap:wrap;align-items:flex-start;gap:0 2.5rem}
.sum h2{flex-basis:100%}
.sum caption{text-align:left;font-weight:600;padding:.2rem 0}
.sum th,.sum td{border-bottom:1px solid var(--ln);padding:.15rem 1.2rem .15rem 0;text-align:left;font-weight:normal}
.sum td{text-align:right;padding-right:0;font-weight:600}
.notes{border-left:4px solid var(--mod);padding:.2rem .8rem;margin:1rem 0}
.toc ul{list-style:none;padding:0;margin:.4rem 0 1rem;font-size:.92rem}
.toc li{margin:.1rem 0}
.toc summary{cursor:pointer}
.toc summary h2{display:inline;font-size:1.05rem}
.toc .l2{padding-left:1.2rem}.toc .l3{padding-left:2.4rem}.toc .l4{padding-left:3.6rem}.toc .l5,.toc .l6{padding-left:4.8rem}
.toc .del>a{text-decoration:line-through}
.wc{color:var(--mut);font-size:.8rem;font-variant-numeric:tabular-nums;white-space:nowrap}
.tag{display:inline-block;font-size:.68rem;font-weight:600;line-height:1.4;text-transform:uppercase;letter-spacing:.04em;border:1px solid currentColor;border-radius:3px;padding:0 .3em;margin-left:.4em;vertical-align:.15em;color:var(--mut)}
.tag.add{color:var(--ins)}.tag.del{color:var(--del)}.tag.mod{color:var(--mod)}.tag.mv{color:var(--mv)}
.sec{margin:0 -.5rem 1rem calc(-1*var(--gut));padding:0 .5rem 0 var(--gut)}
.big .sec{content-visibility:auto;contain-intrinsic-size:auto 30rem}
.sec>h2,.sec>h3,.sec>h4,.sec>h5,.sec>h6{position:relative}
.hn{color:var(--mut);font-size:.88rem;margin:-.3rem 0 .5rem}
.b{position:relative;margin:.55rem 0}
.b>p,.b>pre,.b>blockquote,.b>dl,.b>div>p,.b>div>dl{margin:0}
.b pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--pan);padding:.4rem .6rem;border-radius:4px}
.b blockquote{border-left:3px solid var(--ln);padding-left:.8rem}
.sv .k-li>p{padding-left:1.3rem;position:relative}
.sv .k-li>p.tx::before,.sv .k-li>p.n::before,.sv .k-li>p.o::before{content:"\2022";position:absolute;left:.35rem}
.k-tr>p{font-variant-numeric:tabular-nums}
.k-hr>p{color:var(--mut);text-align:center}
.pn{position:absolute;left:-4.6rem;width:3.1rem;text-align:right;top:.15rem;color:var(--mut);font-size:.75rem;text-decoration:none;white-space:nowrap;font-variant-numeric:tabular-nums}
.pn:hover,.pn:focus{text-decoration:underline}
.b,.sec,h2,h3,h4,h5,h6{scroll-margin-top:3.5rem}
.chg:not(tr)::before,.cb:not(tr)::before,tr.chg>:first-child::before,tr.cb>:first-child::before{content:"";position:absolute;left:-1rem;top:.1rem;bottom:.1rem;width:4px;background:var(--mod)}
.add.cb:not(tr)::before,.add.chg:not(tr)::before,tr.add>:first-child::before{background:var(--ins)}
.del.cb:not(tr)::before,.del.chg:not(tr)::before,tr.del>:first-child::before{background:repeating-linear-gradient(var(--del) 0 6px,transparent 6px 9px)}
.mv.chg:not(tr)::before,tr.mv.chg>:first-child::before{width:7px;left:-1.2rem;background:none;border-left:2px solid var(--mv);border-right:2px solid var(--mv)}
.cur{background:var(--cur);outline:2px solid var(--mod);outline-offset:2px}
:focus-visible{outline:2px solid var(--lnk);outline-offset:2px}
ins{color:var(--ins);background:var(--insb);text-decoration:underline;text-underline-offset:.15em}
del{color:var(--del);background:var(--delb);text-decoration:line-through}
.arr{color:var(--mut);padding:0 .25em}
.mvn{color:var(--mv);font-size:.85rem;font-weight:600;margin:0 0 .15rem}
.mv-out>.tx,.mv-out>.o,.mvx.out{color:var(--mv);background:var(--mvb);text-decoration:line-through double}
.mv-in>.tx,.mv-in>.n,.mvx{color:var(--mv);background:var(--mvb);text-decoration:underline double;text-underline-offset:.15em}
.sbs div.b,.sb{display:grid;grid-template-columns:1fr 1fr;column-gap:2rem}
.sbs .b>.o,.sbs .b>.n{min-width:0}
.sbs .b>.pn{grid-column:auto}
.cols{display:grid;grid-template-columns:1fr 1fr;column-gap:2rem;font-weight:600;border-bottom:1px solid var(--ln);margin-top:1rem}
.same>h2,.same>h3,.same>h4,.same>h5,.same>h6{color:var(--mut)}
body:has(#only:checked) .same>.body{display:none}
body:has(#only:checked) .same>h2,body:has(#only:checked) .same>h3,body:has(#only:checked) .same>h4,body:has(#only:checked) .same>h5,body:has(#only:checked) .same>h6{font-size:.95rem;margin:.3rem 0}
body:has(#only:checked) .toc li.same{display:none}
body:has(#only:checked) .same:target>.body,body:has(#only:checked) .same:has(:target)>.body{display:block}
.nt ul{padding-left:1.2rem}
.tag.sev-high{color:var(--del)}.tag.sev-medium{color:var(--mod)}
.lo{color:var(--mut);font-size:.9rem}
.nt summary{cursor:pointer;color:var(--lnk)}
.chart svg{max-width:100%;height:auto;font-size:12px}
.chart text{fill:var(--fg)}
.chart .v{fill:var(--mut);font-size:10px}
.chart .bg{fill:var(--pan)}
.chart .bv{fill:var(--mod)}
.ft{color:var(--mut);font-size:.85rem;border-top:1px solid var(--ln);margin-top:2rem;padding-bottom:2rem}
.two.sv{display:none}
body:has(#srcv:checked) .two.sv{display:block}
body:has(#srcv:checked) .two.rv{display:none}
.rv p{margin:0}
.rv dl{margin:0}.rv dt{font-weight:600}.rv dd{margin:0 0 0 1.5rem}
.rl{margin:.3rem 0;padding-left:1.6rem}
.rl .rl{margin:.1rem 0}
li.b{margin:.25rem 0}
li.b>.pn{left:-6.2rem}
li.d2>.pn{left:-7.8rem}li.d3>.pn{left:-9.4rem}li.d4>.pn{left:-11rem}li.d5>.pn,li.d6>.pn{left:-12.6rem}
li.chg::before,li.cb::before{left:-2.6rem}
li.d2.chg::before,li.d2.cb::before{left:-4.2rem}li.d3.chg::before,li.d3.cb::before{left:-5.8rem}li.d4.chg::before,li.d4.cb::before{left:-7.4rem}
.rv .mv-in>.tx,.rv .mv-out>.tx{display:block}
.tw{overflow-x:auto;margin:.55rem 0 .55rem calc(-1*var(--gut));padding-left:var(--gut)}
.sbs .tw{margin-left:0;padding-left:0}.sbs .tw.o{margin-left:calc(-1*var(--gut));padding-left:var(--gut)}
.sbs div.tw2{column-gap:4.6rem}.sbs .tw.n{margin-left:-4.4rem;padding-left:4.4rem}.sbs .tw.n .pn{left:-4.3rem;width:2.9rem}
.tw2{align-items:start}
.rt{border-collapse:collapse;font-variant-numeric:tabular-nums}
.rt th,.rt td{border:1px solid var(--ln);padding:.2rem .5rem;text-align:left;vertical-align:top}
.rt thead th{background:var(--pan)}
.rt tr.b{position:relative}
.rt tr.b>td:first-of-type,.rt tr.b>th:first-of-type{position:static}
.rt .pn{top:.35rem}
.rt tr.chg>:first-child::before,.rt tr.cb>:first-child::before{top:0;bottom:0}
.rt .al-l{text-align:left}.rt .al-r{text-align:right}.rt .al-c{text-align:center}
.rt .cadd{background:var(--insb);border-style:dashed;border-color:var(--ins)}
.rt .cdel{background:var(--delb);border-style:dashed;border-color:var(--del)}
.rt tr.add>td,.rt tr.add>th{border-left-color:var(--ins)}
.tn{caption-side:top;text-align:left;color:var(--mod);font-size:.85rem;font-weight:600;padding:.1rem 0}
.rv pre .ln{display:block;position:relative;padding-left:1.2rem;min-height:1.2em}
.rv pre .ln::before{position:absolute;left:0;color:var(--mut)}
.rv pre .la{background:var(--insb)}.rv pre .la::before{content:"+";color:var(--ins)}
.rv pre .ld{background:var(--delb)}.rv pre .ld::before{content:"\2212";color:var(--del)}
.rv pre .lm::before{content:"~";color:var(--mod);font-weight:700}
.rv pre{padding-left:.3rem}
.rv hr{border:0;border-top:2px solid var(--ln);margin:.8rem 0}.rv hr.tl{border-top-width:1px;margin:.3rem 0}
.img{font-style:italic}
.fmt{text-decoration:underline dotted var(--mod) 2px;text-underline-offset:.2em}
.fmn{color:var(--mod);font-size:.85rem;font-weight:600;margin:.1rem 0 0}
.gap>span{scroll-margin-top:3.6rem}
.gap{color:var(--mut);font-style:italic;border-left:3px dotted var(--ln);padding-left:.6rem;margin:.8rem 0}
.gap.add{border-left-color:var(--ins)}.gap.del{border-left-color:var(--del)}
small{color:var(--mut);font-style:italic;font-size:.85em}
.fm table{border-collapse:collapse;margin:.3rem 0 1rem}
.fm th,.fm td{border-bottom:1px solid var(--ln);padding:.15rem 1rem .15rem 0;text-align:left;vertical-align:top;white-space:pre-wrap}
.fm h2{font-size:1.05rem;margin:.6rem 0 .3rem}
.chart .gp{fill:none;stroke:var(--ln);stroke-dasharray:3 3}
@media (max-width:40rem){.wrap{--gut:3.2rem}.pn{left:-3.2rem;width:2.3rem}.sbs div.b,.sb{grid-template-columns:1fr}}
@media print{
@page{size:A4;margin:16mm 14mm 18mm 14mm}
:root{--fg:#000;--bg:#fff;--mut:#444;--ln:#bbb;--pan:#f2f2f2;--lnk:#000;--ins:#075224;--insb:#dcf3e2;--del:#8f1717;--delb:#fbe5e5;--mv:#44237d;--mvb:#eee6fa;--mod:#6b4500}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10pt}
.bar,.skip,.js{display:none!important}
.wrap,.sbs .wrap{--gut:3.6rem;max-width:none;padding-right:0}
.pn{left:-3.5rem;width:2.6rem}
a{text-decoration:none;color:inherit}
.toc details::details-content{content-visibility:visible;display:block}
.big .sec{content-visibility:visible}
.b,tr,.legend,.chart{break-inside:avoid}
h1,h2,h3,h4,h5,h6{break-after:avoid}
.cur{background:none;outline:none}
}
`

const js = `(function(){"use strict";
var d=document,cs=[],n=0,i=-1,cur=null,key=null,all=d.querySelectorAll(".chg"),bar=d.querySelector(".bar"),pos=d.getElementById("pos"),sv=d.getElementById("srcv"),on=d.getElementById("only");
function vis(e){var b=e.closest(".body");if(!b)return true;if(b.classList.contains("two")&&b.classList.contains("sv")!==!!(sv&&sv.checked))return false;return !(on&&on.checked&&b.parentElement.classList.contains("same"))}
function list(){var k=(sv&&sv.checked)+"/"+(on&&on.checked);if(k===key)return;key=k;var o=[];for(var m=0;m<all.length;m++)if(vis(all[m]))o.push(all[m]);cs=o;n=o.length;i=cur?o.indexOf(cur):-1}
function edge(){return bar?bar.getBoundingClientRect().bottom:0}
function shown(e){return e.getClientRects().length>0}
function onscreen(e){var r=e.getBoundingClientRect();return r.bottom>edge()&&r.top<innerHeight}
function below(){var lo=0,hi=n,m,y=edge()+2;while(lo<hi){m=(lo+hi)>>1;if(cs[m].getBoundingClientRect().top<=y)lo=m+1;else hi=m}return lo}
function go(s){list();if(!n)return;var j=(i>=0&&onscreen(cs[i]))?i+s:below()-(s<0?1:0);
while(j>=0&&j<n&&!shown(cs[j]))j+=s;if(j<0||j>=n)return;
if(cur)cur.classList.remove("cur");i=j;var e=cs[j];cur=e;e.classList.add("cur");
e.scrollIntoView({block:"start"});if(!e.hasAttribute("tabindex"))e.tabIndex=-1;e.focus({preventScroll:true});
if(pos)pos.textContent="Change "+(j+1)+" of "+n;try{history.replaceState(null,"","#"+e.id)}catch(x){}}
d.addEventListener("keydown",function(e){if(e.defaultPrevented||e.altKey||e.ctrlKey||e.metaKey||e.isComposing)return;
var t=e.target,g=t&&t.tagName;if(g==="TEXTAREA"||g==="SELECT"||(g==="INPUT"&&t.type!=="checkbox")||(t&&t.isContentEditable))return;
if(e.key==="n"){go(1);e.preventDefault()}else if(e.key==="p"){go(-1);e.preventDefault()}});
var b=d.getElementById("next");if(b)b.addEventListener("click",function(){go(1)});
b=d.getElementById("prev");if(b)b.addEventListener("click",function(){go(-1)});
function el(t,c){var e=d.createElement(t);if(c)e.className=c;return e}
function tx(e,s){e.appendChild(d.createTextNode(s))}
function part(a){var e,k,s,m;if(a[0]==="e")return el("div",a[1]);
if(a[0]==="m"){e=el("p",a[1]+"mvn");tx(e,a[2]);var l=e,b=el("bdi");if(a[3]){l=el("a");l.setAttribute("href","#"+a[3]);e.appendChild(l)}b.textContent=a[4];l.appendChild(b);if(a[5])tx(e,a[5]);return e}
e=el(a[0]==="pre"?"pre":a[0]==="q"?"blockquote":"p",a[1]);e.dir="auto";
for(k=2;k<a.length;k++){s=a[k];if(s.charAt(0)===" ")tx(e,s.slice(1));else{m=el(s.charAt(0)==="+"?"ins":"del");m.textContent=s.slice(1);e.appendChild(m)}}return e}
function build(v){var bs=JSON.parse(v.getAttribute("data-sv")),sid=v.parentElement.id,f=d.createDocumentFragment(),k,j,b,e,a;v.removeAttribute("data-sv");tx(f,"\n");
for(k=0;k<bs.length;k++){b=bs[k];e=el("div","b "+b[0]);e.id=sid+b[1]+"-v";a=el("a","pn");a.setAttribute("href","#"+e.id);a.textContent=(b[2]<0?"was \u00b6":"\u00b6")+Math.abs(b[2]);e.appendChild(a);
for(j=3;j<b.length;j++)e.appendChild(part(b[j]));f.appendChild(e);tx(f,"\n")}v.appendChild(f)}
function inflate(){var ts=d.querySelectorAll("template.ov"),vs=d.querySelectorAll("div[data-sv]"),k;for(k=0;k<ts.length;k++)ts[k].replaceWith(ts[k].content);for(k=0;k<vs.length;k++)build(vs[k]);if(ts.length||vs.length){all=d.querySelectorAll(".chg");key=null}}
if(sv)sv.addEventListener("change",inflate);
var id=decodeURIComponent(location.hash.slice(1));if(id&&!d.getElementById(id)){inflate();var t=d.getElementById(id);if(t)t.scrollIntoView()}
var ps=d.querySelectorAll("a.pn:not([href])");for(var k=0;k<ps.length;k++)ps[k].setAttribute("href","#"+ps[k].closest(".b").id);
var h=d.querySelectorAll(".js");for(var k=0;k<h.length;k++)h[k].hidden=false;
list();if(pos)pos.textContent=n+(n===1?" change":" changes");
})();
`

var (
	cssHash = hash(css)
	jsHash  = hash(js)
	// csp is the page's Content-Security-Policy: nothing from the network,
	// no images, no frames, no forms, and only our own style and script.
	csp = "default-src 'none'; style-src '" + cssHash + "'; script-src '" + jsHash +
		"'; img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
