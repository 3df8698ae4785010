// Words of discovery: the product page's "viewed also viewed" strip, capped search counts, and the
// console's synonym screen. English is the reference.
export const discoverEn = {
  'discover.product.also_viewed': 'Shoppers who viewed this also viewed',
  'discover.search.count_at_least': 'More than {count} products',
  'discover.synonyms.title': 'Search synonyms',
  'discover.synonyms.help':
    'A search for the term also finds its synonyms. Two-way also makes each one-word synonym find the term. Changes apply to search at once.',
  'discover.synonyms.term': 'Term',
  'discover.synonyms.synonyms': 'Synonyms (comma-separated)',
  'discover.synonyms.two_way': 'Two-way',
  'discover.synonyms.add': 'Add group',
  'discover.synonyms.remove': 'Remove',
  'discover.synonyms.none': 'No synonyms yet.',
  'discover.synonyms.invalid': 'Check the term and synonyms: letters and digits, 2 to 40 characters, the term one word.',
  'discover.synonyms.missing': 'That term has no synonyms (it may have been removed meanwhile).',
  'discover.synonyms.saved': 'Synonyms saved: search uses them now.',
  'discover.synonyms.removed': 'Synonym group removed.',
} as const;
