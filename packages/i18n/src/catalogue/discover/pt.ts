import type { discoverEn } from './en';

export const discoverPt = {
  'discover.product.also_viewed': 'Quem viu este produto também viu',
  'discover.search.count_at_least': 'Mais de {count} produtos',
  'discover.synonyms.title': 'Sinónimos de pesquisa',
  'discover.synonyms.help':
    'Uma pesquisa pelo termo também encontra os seus sinónimos. «Nos dois sentidos» faz também cada sinónimo de uma palavra encontrar o termo. As alterações aplicam-se à pesquisa de imediato.',
  'discover.synonyms.term': 'Termo',
  'discover.synonyms.synonyms': 'Sinónimos (separados por vírgulas)',
  'discover.synonyms.two_way': 'Nos dois sentidos',
  'discover.synonyms.add': 'Adicionar grupo',
  'discover.synonyms.remove': 'Remover',
  'discover.synonyms.none': 'Ainda não há sinónimos.',
  'discover.synonyms.invalid':
    'Verifique o termo e os sinónimos: letras e dígitos, de 2 a 40 caracteres, o termo numa só palavra.',
  'discover.synonyms.missing': 'Esse termo não tem sinónimos (pode ter sido removido entretanto).',
  'discover.synonyms.saved': 'Sinónimos guardados: a pesquisa já os usa.',
  'discover.synonyms.removed': 'Grupo de sinónimos removido.',
} satisfies Record<keyof typeof discoverEn, string>;
