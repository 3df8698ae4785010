import type { Locale } from '../locales';
import { adminAr } from './admin/ar';
import { adminEn } from './admin/en';
import { adminFr } from './admin/fr';
import { adminPt } from './admin/pt';
import { adminSw } from './admin/sw';
import { commonAr } from './common/ar';
import { commonEn } from './common/en';
import { commonFr } from './common/fr';
import { commonPt } from './common/pt';
import { commonSw } from './common/sw';
import { discoverAr } from './discover/ar';
import { discoverEn } from './discover/en';
import { discoverFr } from './discover/fr';
import { discoverPt } from './discover/pt';
import { discoverSw } from './discover/sw';
import { notifyAr } from './notify/ar';
import { notifyEn } from './notify/en';
import { notifyFr } from './notify/fr';
import { notifyPt } from './notify/pt';
import { notifySw } from './notify/sw';
import { opsAr } from './ops/ar';
import { opsEn } from './ops/en';
import { opsFr } from './ops/fr';
import { opsPt } from './ops/pt';
import { opsSw } from './ops/sw';
import { returnsAr } from './returns/ar';
import { returnsEn } from './returns/en';
import { returnsFr } from './returns/fr';
import { returnsPt } from './returns/pt';
import { returnsSw } from './returns/sw';
import { shopAr } from './shop/ar';
import { shopEn } from './shop/en';
import { shopFr } from './shop/fr';
import { shopPt } from './shop/pt';
import { shopSw } from './shop/sw';
import { vendorAr } from './vendor/ar';
import { vendorEn } from './vendor/en';
import { vendorFr } from './vendor/fr';
import { vendorPt } from './vendor/pt';
import { vendorSw } from './vendor/sw';

// One catalogue per language, assembled from one file per area so that each surface owns its
// words. English defines the keys; the `satisfies` in every area file makes a missing key a type
// error, and catalogue.test.ts also refuses extra keys and unbalanced {placeholders}.
const en = { ...commonEn, ...shopEn, ...vendorEn, ...notifyEn, ...adminEn, ...opsEn, ...returnsEn, ...discoverEn };

export type MessageKey = keyof typeof en;
export type Catalogue = Readonly<Record<MessageKey, string>>;

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = {
  en,
  fr: { ...commonFr, ...shopFr, ...vendorFr, ...notifyFr, ...adminFr, ...opsFr, ...returnsFr, ...discoverFr },
  sw: { ...commonSw, ...shopSw, ...vendorSw, ...notifySw, ...adminSw, ...opsSw, ...returnsSw, ...discoverSw },
  ar: { ...commonAr, ...shopAr, ...vendorAr, ...notifyAr, ...adminAr, ...opsAr, ...returnsAr, ...discoverAr },
  pt: { ...commonPt, ...shopPt, ...vendorPt, ...notifyPt, ...adminPt, ...opsPt, ...returnsPt, ...discoverPt },
};
