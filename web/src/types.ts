// The pages render the catalog's own response types; they are never restated here.
export type {
  CategoryNode,
  ImageView,
  ListProductsQuery,
  ProductDetail,
  ProductList,
  ProductSummary,
} from '@linked-all/catalog/contract';
