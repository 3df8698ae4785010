import type { adminEn } from './en';

export const adminPt = {
  'admin.app.name': 'Linked All Operações',
  'admin.nav.skip': 'Ir para o conteúdo',
  'admin.nav.dashboard': 'Painel',
  'admin.nav.vendors': 'Vendedores',
  'admin.nav.products': 'Produtos',
  'admin.nav.orders': 'Pedidos',
  'admin.nav.money': 'Dinheiro',
  'admin.nav.dead_letters': 'Mensagens mortas',
  'admin.nav.users': 'Utilizadores',
  'admin.error.forbidden': 'Esta consola é para operadores. A sua conta não tem a função de administrador.',
  'admin.nav.audit': 'Registo de auditoria',
} as const satisfies Record<keyof typeof adminEn, string>;
