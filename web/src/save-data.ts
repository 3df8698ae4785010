/** Name of the cookie that remembers the shopper's data-saver choice ("1" on, "0" off). */
export const SAVE_DATA_COOKIE = 'saveData';

/**
 * Data-saver is on when the shopper chose it with the toggle (cookie), or, when
 * they never chose, when the browser asks for it (`Save-Data: on`). An explicit
 * "0" lets someone whose browser always sends Save-Data still see images.
 */
export function isSaveData(saveDataHeader: string | undefined | null, cookie: string | undefined | null): boolean {
  if (cookie === '1') return true;
  if (cookie === '0') return false;
  return saveDataHeader?.trim().toLowerCase() === 'on';
}

// Tap-to-load for data-saver placeholders. Without JS the placeholder is a plain
// link to the image; with JS a tap swaps in the real image in place. It builds the
// element with createElement so the page never contains an image tag in this mode.
// Kept under 1 KB (asserted in the tests).
export const TAP_SCRIPT =
  "document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a.ph');if(!a)return;" +
  "e.preventDefault();var d=a.dataset,i=document.createElement('img');if(d.srcset){i.srcset=d.srcset;i.sizes=d.sizes}" +
  "i.src=a.href;i.alt=d.alt||'';i.width=+d.w;i.height=+d.h;a.replaceWith(i)})";

/**
 * The CSP source that allows exactly TAP_SCRIPT, the only inline script. A hash and not a nonce:
 * anonymous pages are cached by shared caches, and a nonce must be new for every response.
 * A test recomputes it, so changing the script without this fails the suite.
 */
export const TAP_SCRIPT_CSP_SOURCE = "'sha256-crMAV+L/FFoUpsAIE89w52umexEZsayQTknnDR+pSKc='";
