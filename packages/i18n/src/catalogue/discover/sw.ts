import type { discoverEn } from './en';

export const discoverSw = {
  'discover.product.also_viewed': 'Wanunuzi walioangalia hiki pia waliangalia',
  'discover.search.count_at_least': 'Bidhaa zaidi ya {count}',
  'discover.synonyms.title': 'Visawe vya utafutaji',
  'discover.synonyms.help':
    'Kutafuta neno pia hupata visawe vyake. Pande zote mbili hufanya kila kisawe cha neno moja kipate neno hilo pia. Mabadiliko yanatumika kwenye utafutaji mara moja.',
  'discover.synonyms.term': 'Neno',
  'discover.synonyms.synonyms': 'Visawe (vitenganishwe kwa koma)',
  'discover.synonyms.two_way': 'Pande zote mbili',
  'discover.synonyms.add': 'Ongeza kundi',
  'discover.synonyms.remove': 'Ondoa',
  'discover.synonyms.none': 'Bado hakuna visawe.',
  'discover.synonyms.invalid': 'Kagua neno na visawe: herufi na tarakimu, herufi 2 hadi 40, neno liwe moja.',
  'discover.synonyms.missing': 'Neno hilo halina visawe (huenda limeondolewa tayari).',
  'discover.synonyms.saved': 'Visawe vimehifadhiwa: utafutaji unavitumia sasa.',
  'discover.synonyms.removed': 'Kundi la visawe limeondolewa.',
} satisfies Record<keyof typeof discoverEn, string>;
