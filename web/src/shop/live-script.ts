// The shopper pages' live script (/live.js, deferred), on the order page and the orders list. It
// opens the page's socket (/live, signed in by the session cookie) and, when an order of this page
// changes, shows the bar the page rendered hidden (#live, words already in the page's language),
// whose link reloads the page. Without JavaScript the bar stays hidden and the page is as it was.
// Reconnects with exponential back-off and jitter (1 s → 60 s), and gives up after 8 failures in a
// row (signed out, or no live service): the page still works by reload. A ping every 30 s keeps
// proxies from closing an idle socket; the hub answers it without waking (auto-response).
export const LIVE_JS = `(function(){
var bar=document.getElementById('live');if(!bar||!window.WebSocket||!window.JSON)return;
var order=bar.getAttribute('data-order'),wait=1000,fails=0,ping,done=false;
function mine(m){return m&&m.kind==='order'&&(!order||m.orderId===order)}
function open(){var ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/live');
ws.onopen=function(){wait=1000;fails=0;ping=setInterval(function(){if(ws.readyState===1)ws.send('ping')},30000)};
ws.onmessage=function(e){var m;try{m=JSON.parse(e.data)}catch(x){return}if(mine(m)){bar.hidden=false;if(m.status&&bar.dataset)bar.dataset.status=m.status}};
ws.onclose=function(){clearInterval(ping);if(done||++fails>8)return;setTimeout(open,wait+Math.random()*wait);wait=Math.min(wait*2,60000)}}
addEventListener('pagehide',function(){done=true});
open()})();`;
