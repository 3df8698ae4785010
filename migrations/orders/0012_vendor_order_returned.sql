-- A vendor order whose every unit came back in refunded returns is `returned` (terminal): the
-- shopper and the vendor see it, and the order's rollup no longer counts it as live.
INSERT INTO vendor_order_statuses (status) VALUES ('returned');
