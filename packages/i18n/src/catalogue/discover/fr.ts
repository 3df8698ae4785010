import type { discoverEn } from './en';

export const discoverFr = {
  'discover.product.also_viewed': 'Les clients qui ont vu ce produit ont aussi vu',
  'discover.search.count_at_least': 'Plus de {count} produits',
  'discover.synonyms.title': 'Synonymes de recherche',
  'discover.synonyms.help':
    'Une recherche du terme trouve aussi ses synonymes. « Dans les deux sens » fait aussi trouver le terme par chaque synonyme d’un mot. Les changements s’appliquent aussitôt à la recherche.',
  'discover.synonyms.term': 'Terme',
  'discover.synonyms.synonyms': 'Synonymes (séparés par des virgules)',
  'discover.synonyms.two_way': 'Dans les deux sens',
  'discover.synonyms.add': 'Ajouter le groupe',
  'discover.synonyms.remove': 'Supprimer',
  'discover.synonyms.none': 'Aucun synonyme pour l’instant.',
  'discover.synonyms.invalid':
    'Vérifiez le terme et les synonymes : lettres et chiffres, de 2 à 40 caractères, le terme en un seul mot.',
  'discover.synonyms.missing': 'Ce terme n’a pas de synonymes (il a peut-être été supprimé entre-temps).',
  'discover.synonyms.saved': 'Synonymes enregistrés : la recherche les utilise dès maintenant.',
  'discover.synonyms.removed': 'Groupe de synonymes supprimé.',
} satisfies Record<keyof typeof discoverEn, string>;
