// The shop's push service worker (/push-sw.js, scope /). It only shows pushes: no fetch handler, so
// it never stands between a page and the network (the vendor app keeps its own worker at /vendor).
// The payload is notifications' PushMessage ({title, body, url}); a tap opens (or focuses) the
// order it is about, and only ever a page of this origin. When the browser rotates a subscription,
// the new one is registered for the same signed-in shopper (the session cookie goes with it).
export const PUSH_SW_JS = `self.addEventListener('push',function(e){var m={};try{m=e.data?e.data.json():{}}catch(x){m={body:e.data.text()}}
var u='/orders';try{var p=new URL(m.url||'/orders',self.location.origin);if(p.origin===self.location.origin)u=p.href}catch(x){}
e.waitUntil(self.registration.showNotification(m.title||'Linked All',{body:m.body||'',tag:u,data:{url:u}}))});
self.addEventListener('notificationclick',function(e){e.notification.close();var u=(e.notification.data&&e.notification.data.url)||self.location.origin+'/orders';
e.waitUntil(clients.matchAll({type:'window',includeUncontrolled:true}).then(function(l){for(var i=0;i<l.length;i++)if(l[i].url===u&&l[i].focus)return l[i].focus();return clients.openWindow(u)}))});
self.addEventListener('pushsubscriptionchange',function(e){var o=e.oldSubscription&&e.oldSubscription.options;if(!o)return;
e.waitUntil(self.registration.pushManager.subscribe(o).then(function(s){var j=s.toJSON();return fetch('/account/push-subscriptions',{method:'POST',credentials:'same-origin',headers:{'content-type':'application/json'},body:JSON.stringify({endpoint:j.endpoint,keys:j.keys})})}))});`;
