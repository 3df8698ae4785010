const LOW_STOCK = 5;

/** In stock, only a few left, or out of stock, in words and colour. */
export function StockState({ available }: { available: number }) {
  if (available <= 0) return <span class="out">Out of stock</span>;
  if (available <= LOW_STOCK) return <span class="low">Only {available} left</span>;
  return <span class="ok">In stock</span>;
}
