import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../catalog/test/seed-catalog';
import { smsCode } from './helpers';
import { browser, redirected } from './page-browser';

beforeAll(() => seedCatalog(env.CATALOG_DB));

let n = 0;
/** A Kenyan number written as at home, and its E.164 form. */
function kenyanPhone() {
  n++;
  const rest = `71${String(Date.now() % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
  return { national: `0${rest.slice(0, 3)} ${rest.slice(3, 6)} ${rest.slice(6)}`, e164: `+254${rest}` };
}

describe('registering on the pages', () => {
  it('takes a national number in the chosen country, signs in, and checks the phone by SMS code', async () => {
    // Kenya reads Swahili unless the browser says otherwise; this browser says English.
    const b = browser({ 'cf-ipcountry': 'KE', 'accept-language': 'en' });
    const form = await (await b.open('/register')).text();
    expect(form).toContain('<option value="KE" selected="">');
    const phone = kenyanPhone();
    const answer = await b.post('/register', {
      country: 'KE',
      phone: phone.national,
      name: 'Wanjiru Page',
      password: 'page-password',
      next: '/account',
    });
    redirected(answer, `/signin/code?phone=${encodeURIComponent(phone.e164)}&next=%2Faccount`);
    expect(b.jar.has('la_rt')).toBe(true);
    const codePage = await (await b.open(answer.headers.get('location') ?? '')).text();
    expect(codePage).toContain(phone.e164);

    const wrong = await b.post('/signin/code/verify', { phone: phone.e164, code: '000000', next: '/account' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That code is wrong or has expired');

    const code = await smsCode(phone.e164);
    redirected(await b.post('/signin/code/verify', { phone: phone.e164, code, next: '/account' }), '/account');
    const account = await (await b.open('/account')).text();
    expect(account).toContain('Wanjiru Page');
    expect(account).toContain(`Phone: ${phone.e164}`);
    expect(account).toContain('<a href="/account">My account</a>');
  });

  it('says what to type for a number that does not fit the country', async () => {
    const b = browser();
    const answer = await b.post('/register', { country: 'KE', phone: '0712 34', name: 'X', password: 'page-password' });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Type a Kenya number like 0712 345 678');
  });

  it('refuses a second account for the same phone, in words', async () => {
    const phone = kenyanPhone();
    const fields = { country: 'KE', phone: phone.national, name: 'Twice', password: 'page-password' };
    await browser().post('/register', fields);
    const again = await browser().post('/register', fields);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already exists');
  });
});

describe('signing in by SMS code and the account page', () => {
  it('sends a code to a national number, signs in with it, and keeps addresses', async () => {
    const phone = kenyanPhone();
    await browser().post('/register', { country: 'KE', phone: phone.national, name: 'Otieno', password: 'page-password' });
    const b = browser();
    const anonymous = await (await b.open('/signin')).text();
    expect(anonymous).toContain('<a href="/register">Register</a>');
    redirected(
      await b.post('/signin/code', { country: 'KE', phone: phone.national, next: '/account' }),
      `/signin/code?phone=${encodeURIComponent(phone.e164)}&next=%2Faccount`,
    );
    redirected(
      await b.post('/signin/code/verify', { phone: phone.e164, code: await smsCode(phone.e164), next: '/account' }),
      '/account',
    );

    redirected(
      await b.post('/account/addresses', { landmark: 'Green gate by the church', city: 'Kisumu', country: 'KE' }),
      '/account',
    );
    const withAddress = await (await b.open('/account')).text();
    expect(withAddress).toContain('Green gate by the church, Kisumu, Kenya');
    const id = /action="\/account\/addresses\/(adr_[0-9a-z]+)\/delete"/.exec(withAddress)?.[1];
    // Edit it in place (the form comes filled in), then make it the default.
    expect(withAddress).toContain('value="Green gate by the church"');
    const badEdit = await b.post(`/account/addresses/${id}`, { landmark: 'x', city: 'Kisumu', country: 'KE' });
    expect(badEdit.status).toBe(400);
    redirected(
      await b.post(`/account/addresses/${id}`, { landmark: 'Red gate by the church', city: 'Kisumu', country: 'KE' }),
      '/account',
    );
    const edited = await (await b.open('/account')).text();
    expect(edited).toContain('Address updated.');
    expect(edited).toContain('Red gate by the church, Kisumu, Kenya');
    redirected(await b.post(`/account/addresses/${id}/default`), '/account');
    const chosen = await (await b.open('/account')).text();
    expect(chosen).toContain('This is now your default delivery address.');
    expect(chosen).not.toContain(`action="/account/addresses/${id}/default"`);
    redirected(await b.post(`/account/addresses/${id}/delete`), '/account');
    const after = await (await b.open('/account')).text();
    expect(after).toContain('Address deleted.');
    expect(after).not.toContain('Red gate by the church');
  });

  it('signs in by password with a number typed as at home', async () => {
    const phone = kenyanPhone();
    await browser().post('/register', { country: 'KE', phone: phone.national, name: 'Akinyi', password: 'page-password' });
    const b = browser({ 'cf-ipcountry': 'KE' });
    redirected(await b.post('/signin', { identifier: phone.national, password: 'page-password', next: '/account' }), '/account');
  });

  it('sends a signed-out visitor of /account to sign in', async () => {
    redirected(await browser().open('/account'), '/signin?next=%2Faccount');
  });
});

describe('a forgotten password', () => {
  it('is replaced by SMS code: a national number, the code and a new password; other sessions are signed out', async () => {
    const phone = kenyanPhone();
    const first = browser();
    const registered = await first.post('/register', {
      country: 'KE',
      phone: phone.national,
      name: 'Wanjiru',
      password: 'old-password',
    });
    expect(registered.status).toBe(303);
    const b = browser();
    const signin = await (await b.open('/signin')).text();
    expect(signin).toContain('<a href="/signin/forgot">Forgot your password?</a>');
    const ask = await b.open('/signin/forgot');
    expect(ask.status).toBe(200);
    const bad = await b.post('/signin/forgot', { country: 'KE', phone: '12' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('0712 345 678');
    redirected(
      await b.post('/signin/forgot', { country: 'KE', phone: phone.national }),
      `/signin/forgot?phone=${encodeURIComponent(phone.e164)}`,
    );
    const form = await (await b.open(`/signin/forgot?phone=${encodeURIComponent(phone.e164)}`)).text();
    expect(form).toContain('action="/signin/forgot/reset"');
    const code = await smsCode(phone.e164);
    const short = await b.post('/signin/forgot/reset', { phone: phone.e164, code, password: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('The new password needs at least 8 characters.');
    const wrong = await b.post('/signin/forgot/reset', {
      phone: phone.e164,
      code: code === '000000' ? '111111' : '000000',
      password: 'new-password',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That code is wrong or has expired');
    // The wrong try spent one attempt, not the code: ask for a fresh one and use it.
    redirected(
      await b.post('/signin/forgot', { country: 'KE', phone: phone.national }),
      `/signin/forgot?phone=${encodeURIComponent(phone.e164)}`,
    );
    redirected(
      await b.post('/signin/forgot/reset', { phone: phone.e164, code: await smsCode(phone.e164), password: 'new-password' }),
      '/account',
    );
    expect(await (await b.open('/account')).text()).toContain('Your new password is saved');
    // The old password no longer works; the new one does.
    expect((await browser().post('/signin', { identifier: phone.e164, password: 'old-password', next: '/account' })).status).toBe(
      401,
    );
    redirected(
      await browser().post('/signin', { identifier: phone.e164, password: 'new-password', next: '/account' }),
      '/account',
    );
  });
});

describe('a password change on /account', () => {
  it('asks the current password, says what is wrong on the page, then keeps this page signed in with the new one', async () => {
    const phone = kenyanPhone();
    await browser().post('/register', { country: 'KE', phone: phone.national, name: 'Achieng', password: 'first-password' });
    const b = browser();
    redirected(await b.post('/signin', { identifier: phone.e164, password: 'first-password', next: '/account' }), '/account');
    const account = await (await b.open('/account')).text();
    expect(account).toContain('action="/account/password"');
    expect(account).toContain('autocomplete="current-password"');

    const wrong = await b.post('/account/password', { currentPassword: 'not-my-password', password: 'second-password' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('Your current password is not right.');
    const short = await b.post('/account/password', { currentPassword: 'first-password', password: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('The new password needs at least 8 characters.');

    redirected(await b.post('/account/password', { currentPassword: 'first-password', password: 'second-password' }), '/account');
    const after = await b.open('/account');
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Your new password is saved, and every other session is signed out.');
    expect(
      (await browser().post('/signin', { identifier: phone.e164, password: 'first-password', next: '/account' })).status,
    ).toBe(401);
    redirected(
      await browser().post('/signin', { identifier: phone.e164, password: 'second-password', next: '/account' }),
      '/account',
    );
    // A reload of the form's URL goes back to the page, never a raw answer.
    redirected(await b.open('/account/password'), '/account');
  });
});
