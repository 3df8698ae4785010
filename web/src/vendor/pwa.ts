import type { Locale } from '@linked-all/i18n';
import { translator } from '@linked-all/i18n';

/** The web app manifest: installs to the home screen, opens /vendor standalone. */
export function vendorManifest(locale: Locale) {
  const t = translator(locale);
  return {
    name: t('vendor.app.name'),
    short_name: t('vendor.app.short'),
    lang: locale,
    start_url: '/vendor',
    scope: '/vendor',
    display: 'standalone',
    background_color: '#f4f5f2',
    theme_color: '#0b5d3b',
    icons: [
      { src: '/vendor/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/vendor/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
      { src: '/vendor/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
    ],
  };
}

// The page script (/vendor/app.js, deferred): registers the service worker, shows the offline
// outbox, prints the packing slip, and downscales photos to ≤ 1600 px JPEG before they leave.
// Every screen works without it; it only adds. Words come from the page (#outbox data-*), so
// the script itself has no language. It also opens the shop's live socket on the today screen
// and adds orders confirmed meanwhile to "new orders" (without JS the screen is as served).
//
// Tokens: a refresh rotates the refresh token and a second use of the old one ends the session,
// so page and service worker refresh under ONE Web Lock ('la-vendor-session'), shared by every
// tab and the worker: the first refreshes through POST /vendor/session, the others wait, then
// see the new expiry (cookie la_vexp, not a secret) and go on without refreshing.
export const VENDOR_APP_JS = `(function(){
var sw=navigator.serviceWorker,box=document.getElementById('outbox'),live=document.getElementById('new-orders');
function soon(){var m=/(?:^|; )la_vexp=(\\d+)/.exec(document.cookie);return m&&m[1]*1e3-Date.now()<6e4}
function check(){return soon()?fetch('/vendor/session',{method:'POST',credentials:'same-origin'}).catch(function(){}):0}
function fresh(){return Promise.resolve(navigator.locks?navigator.locks.request('la-vendor-session',check):check())}
if(live&&window.WebSocket)fresh().then(function(){var ws=new WebSocket(location.origin.replace(/^http/,'ws')+'/vendor/live');
ws.onmessage=function(e){var m;try{m=JSON.parse(e.data)}catch(x){return}if(!m||m.kind!=='order'||m.event!=='order.confirmed')return;
var id=m.vendorOrderId||'',li=text('li','row',''),a=text('a','',live.dataset.live+(id?' · '+id:'')),n=live.nextElementSibling;
a.href='/vendor/orders'+(id?'/'+id:'');li.appendChild(a);live.insertBefore(li,live.firstChild);if(n&&n.hasAttribute('data-none'))n.hidden=true}});
function fill(s,n){return (s||'').replace('{count}',n)}
function text(tag,cls,t){var e=document.createElement(tag);if(cls)e.className=cls;e.textContent=t;return e}
function show(st){if(!box||!st)return;var d=box.dataset;box.textContent='';
if(st.queued)box.appendChild(text('p','note',d.queued));
if(st.waiting)box.appendChild(text('p','note',fill(st.waiting===1?d.one:d.other,st.waiting)));
else if(st.synced)box.appendChild(text('p','note',d.synced));
(st.conflicts||[]).forEach(function(c){var p=text('p','note err',(d.conflict||'').replace('{what}',c.what).replace('{reason}',c.message)),b=text('button','alt',d.dismiss);
b.type='button';b.onclick=function(){sw.controller&&sw.controller.postMessage({type:'dismiss',id:c.id})};p.appendChild(document.createTextNode(' '));p.appendChild(b);box.appendChild(p)});
box.hidden=!box.firstChild}
function ask(type){sw&&sw.controller&&sw.controller.postMessage({type:type})}
if(sw){sw.register('/vendor/sw.js',{scope:'/vendor'});
sw.addEventListener('message',function(e){if(e.data&&e.data.type==='outbox')show(e.data)});
sw.ready.then(function(){ask(navigator.onLine?'sync':'state')});
addEventListener('online',function(){ask('sync')})}
if(/[?&]queued=1/.test(location.search))show({queued:1});
document.addEventListener('click',function(e){if(e.target.closest&&e.target.closest('[data-print]'))print()});
document.addEventListener('submit',function(e){var f=e.target,h=document.querySelector('h1'),b=f.querySelector('button'),w=document.createElement('input');
w.type='hidden';w.name='what';w.value=((b?b.textContent:'')+' · '+(h?h.textContent:'')).slice(0,120);f.appendChild(w)});
document.addEventListener('change',function(e){var i=e.target,f=i.files&&i.files[0];if(!f||!i.form||!i.form.hasAttribute('data-photo')||!window.createImageBitmap)return;
var b=i.form.querySelector('button');b.disabled=true;
createImageBitmap(f).then(function(bm){var s=Math.min(1,1600/Math.max(bm.width,bm.height)),c=document.createElement('canvas');
c.width=Math.round(bm.width*s);c.height=Math.round(bm.height*s);c.getContext('2d').drawImage(bm,0,0,c.width,c.height);
c.toBlob(function(j){if(j){var d=new DataTransfer();d.items.add(new File([j],f.name.replace(/\\.\\w+$/,'')+'.jpg',{type:'image/jpeg'}));i.files=d.files}b.disabled=false},'image/jpeg',0.82)})
.catch(function(){b.disabled=false})})
})();`;

// The service worker (/vendor/sw.js, scope /vendor). Pages: network first, the last seen copy
// when offline. Posts: straight through when online; offline, the form (with the Idempotency-Key
// it was drawn with) goes to an IndexedDB outbox and is replayed in order when the network
// returns — Background Sync where there is one, else the page asks on load and on 'online'.
// A replay the server refuses (order cancelled meanwhile, stock changed) becomes a conflict the
// vendor sees and dismisses; a replay that cannot reach the server stays queued.
export const VENDOR_SW_JS = `var SHELL='la-vendor-shell-1',PAGES='la-vendor-pages-1',ASSETS=['/vendor/app.js','/vendor/manifest.webmanifest','/vendor/icon.svg','/vendor/offline'],running=null;
function soon(){return self.cookieStore?cookieStore.get('la_vexp').then(function(c){return c&&c.value*1e3-Date.now()<6e4},function(){return 0}):Promise.resolve(0)}
function check(){return soon().then(function(s){return s&&fetch('/vendor/session',{method:'POST',credentials:'same-origin'}).catch(function(){})})}
function fresh(){return Promise.resolve(navigator.locks?navigator.locks.request('la-vendor-session',check):check())}
self.addEventListener('install',function(e){e.waitUntil(caches.open(SHELL).then(function(c){return c.addAll(ASSETS)}).then(function(){return self.skipWaiting()}))});
self.addEventListener('activate',function(e){e.waitUntil(caches.keys().then(function(ks){return Promise.all(ks.filter(function(k){return k!==SHELL&&k!==PAGES}).map(function(k){return caches.delete(k)}))}).then(function(){return self.clients.claim()}))});
function db(){return new Promise(function(ok,no){var r=indexedDB.open('la-vendor-outbox',1);r.onupgradeneeded=function(){r.result.createObjectStore('queue',{keyPath:'id',autoIncrement:true});r.result.createObjectStore('conflicts',{keyPath:'id'})};r.onsuccess=function(){ok(r.result)};r.onerror=function(){no(r.error)}})}
function tx(store,mode,fn){return db().then(function(d){return new Promise(function(ok,no){var t=d.transaction(store,mode),s=t.objectStore(store),out=fn(s);t.oncomplete=function(){ok(out&&out.result)};t.onerror=function(){no(t.error)}})})}
function all(store){return tx(store,'readonly',function(s){return s.getAll()})}
function state(extra){return Promise.all([all('queue'),all('conflicts')]).then(function(r){var m={type:'outbox',waiting:r[0].length,conflicts:r[1].map(function(c){return{id:c.id,what:c.what,message:c.message}})};for(var k in extra)m[k]=extra[k];return m})}
function tell(extra){return state(extra).then(function(m){return self.clients.matchAll().then(function(cs){cs.forEach(function(c){c.postMessage(m)})})})}
function queue(req){return req.formData().then(function(fd){var entries=[],what='';fd.forEach(function(v,k){if(k==='what')what=v;else entries.push([k,v])});
return tx('queue','readwrite',function(s){return s.add({url:req.url,entries:entries,what:what||new URL(req.url).pathname.slice(8),at:Date.now()})})}).then(function(){
return self.registration.sync?self.registration.sync.register('outbox').catch(function(){}):null})}
function replay(){if(!running)running=drain().then(function(n){running=null;return tell({synced:n})},function(){running=null});return running}
function drain(){return all('queue').then(function(items){items.sort(function(a,b){return a.id-b.id});var done=0;
function next(i){if(i>=items.length)return done;var it=items[i],fd=new FormData();it.entries.forEach(function(e){fd.append(e[0],e[1])});
return fresh().then(function(){return fetch(it.url,{method:'POST',body:fd,headers:{'x-outbox':'1'},credentials:'same-origin',redirect:'manual'})}).then(function(r){
if(r.status===401||r.status===429||r.status>=500||r.type==='opaqueredirect')return done;
return r.json().catch(function(){return{}}).then(function(b){var drop=tx('queue','readwrite',function(s){return s.delete(it.id)});
if(r.ok){done++;return drop.then(function(){return next(i+1)})}
return drop.then(function(){return tx('conflicts','readwrite',function(s){return s.put({id:it.id,what:it.what,message:b.message||String(r.status)})})}).then(function(){return next(i+1)})})},function(){return done})}
return next(0)})}
self.addEventListener('sync',function(e){if(e.tag==='outbox')e.waitUntil(replay())});
self.addEventListener('message',function(e){var d=e.data||{};
if(d.type==='sync')e.waitUntil(replay());
else if(d.type==='dismiss')e.waitUntil(tx('conflicts','readwrite',function(s){return s.delete(d.id)}).then(function(){return tell({})}));
else e.waitUntil(tell({}))});
function page(req){return fresh().then(function(){return fetch(req)}).then(function(r){if(r.ok&&(r.headers.get('content-type')||'').indexOf('text/html')===0){var c=r.clone();caches.open(PAGES).then(function(p){p.put(req,c)})}return r},
function(){return caches.match(req,{ignoreVary:true}).then(function(r){return r||caches.match(req,{ignoreVary:true,ignoreSearch:true})}).then(function(r){return r||caches.match('/vendor/offline')})})}
self.addEventListener('fetch',function(e){var req=e.request,url=new URL(req.url);if(url.origin!==location.origin||url.pathname.indexOf('/vendor')!==0)return;
if(req.method==='GET'){e.respondWith(ASSETS.indexOf(url.pathname)>=0&&url.pathname!=='/vendor/offline'?caches.match(req).then(function(r){return r||fetch(req)}):page(req));return}
if(req.method!=='POST')return;
if(/^\\/vendor\\/(signin|signout|language|session)$/.test(url.pathname)){if(url.pathname==='/vendor/signout')caches.delete(PAGES);return}
var copy=req.clone();
e.respondWith(fresh().then(function(){return fetch(req)}).catch(function(){return queue(copy).then(function(){var back=req.referrer&&new URL(req.referrer);
var to=back&&back.origin===location.origin?back.pathname:'/vendor';tell({});return Response.redirect(to+'?queued=1',303)})}))});
`;
