import type { VendorOrderDetail, VendorOrderView } from '@linked-all/orders/contract';

// What the vendor screens show. Order views are the orders contract's own; the shop, staff,
// products and money are the parts of identity's, catalog's and payments' answers the screens
// read (the gateway parses those answers with the services' schemas and hands these over).

export type ShopOrder = ReturnType<typeof VendorOrderView.parse>;
/** One order as its page shows it: where it goes in words, and who receives it while it is open. */
export type ShopOrderDetail = ReturnType<typeof VendorOrderDetail.parse>;

export type ShopStatus = 'pending' | 'approved' | 'suspended' | 'closed';

/** A person's staff role in their shop (identity's; permissions per role: @linked-all/auth). */
export type ShopRole = 'owner' | 'manager' | 'orders' | 'catalog' | 'finance';

export type Shop = {
  id: string;
  businessName: string;
  country: string;
  currency: string;
  payoutPhone: string;
  status: ShopStatus;
  statusReason: string | null;
  myRole: ShopRole;
};

export type Invitation = {
  id: string;
  vendor: { id: string; businessName: string };
  role: Exclude<ShopRole, 'owner'>;
  expiresAt: string;
};

export type StaffMember = { userId: string; name: string; phone: string; role: ShopRole; addedAt: string };

export type Amount = { amount: number; currency: string; formatted: string };

export type ProductRow = {
  id: string;
  title: string;
  status: 'draft' | 'active' | 'archived';
  price: Amount | null;
  inStock: boolean;
};

/** A SKU with its stock as orders counts it (on hand, held by checkouts). */
export type SkuRow = {
  id: string;
  code: string;
  options: Record<string, string>;
  price: Amount;
  stock: { onHand: number; held: number; available: number } | null;
};

export type ProductEdit = {
  id: string;
  title: string;
  description: string;
  category: string;
  status: 'draft' | 'active' | 'archived';
  currency: string;
  skus: SkuRow[];
  images: { src: string; alt: string }[];
};

export type LowStock = { productId: string; title: string; code: string; available: number };

export type Balance = { currency: string; pending: number; payable: number };

export type Statement = {
  week: string;
  currencies: {
    currency: string;
    grossSales: number;
    commission: number;
    sales: number;
    refunds: number;
    payouts: number;
    closingPending: number;
    closingPayable: number;
  }[];
};

export type Payout = {
  id: string;
  amount: number;
  currency: string;
  phone: string;
  status: 'requested' | 'submitted' | 'completed' | 'failed';
  createdAt: string;
};
