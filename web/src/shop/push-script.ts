// The account page's push control (/push.js, deferred). The control (#push) is rendered hidden and
// shown only where the browser has service workers, the Push API and notifications: without
// JavaScript or without Push it never appears. Enabling asks for permission, subscribes with our
// VAPID key (GET /v1/push/key) and registers the subscription for the signed-in shopper
// (/account/push-subscriptions, session cookie, same origin); disabling deletes it and
// unsubscribes. Words come from the control's data-* attributes (the page's language).
export const PUSH_JS = `(function(){
var box=document.getElementById('push'),sw=navigator.serviceWorker;
if(!box||!sw||!window.PushManager||!window.Notification||!window.fetch)return;
var d=box.dataset,b=box.querySelector('button'),p=box.querySelector('p');
function key(k){var s=atob(k.replace(/-/g,'+').replace(/_/g,'/')+'==='.slice(0,(4-k.length%4)%4)),a=new Uint8Array(s.length);for(var i=0;i<s.length;i++)a[i]=s.charCodeAt(i);return a}
function send(method,s){var j=s.toJSON();return fetch('/account/push-subscriptions',{method:method,credentials:'same-origin',headers:{'content-type':'application/json'},
body:JSON.stringify(method==='POST'?{endpoint:j.endpoint,keys:j.keys}:{endpoint:j.endpoint})}).then(function(r){if(!r.ok&&r.status!==404)throw new Error(r.status)})}
function show(s,msg){var denied=Notification.permission==='denied';box.hidden=false;p.textContent=msg||(denied?d.denied:s?d.on:'');
b.textContent=s?d.disable:d.enable;b.hidden=denied&&!s;b.disabled=false}
sw.register('/push-sw.js').then(function(reg){var pm=reg.pushManager;pm.getSubscription().then(function(s){show(s)});
b.onclick=function(){b.disabled=true;pm.getSubscription().then(function(s){
if(s)return send('DELETE',s).then(function(){return s.unsubscribe()}).then(function(){show(null)});
return fetch('/v1/push/key').then(function(r){return r.json()}).then(function(k){return pm.subscribe({userVisibleOnly:true,applicationServerKey:key(k.publicKey)})})
.then(function(n){return send('POST',n).then(function(){show(n)})})}).catch(function(){pm.getSubscription().then(function(s){show(s,Notification.permission==='denied'?d.denied:d.failed)})})}})
})();`;
