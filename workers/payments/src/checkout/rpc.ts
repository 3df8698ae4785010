import type { z } from 'zod';
import {
  CaptureInput,
  CollectInput,
  DeliveredInput,
  DropReleaseHoldInput,
  HoldReleaseInput,
  type InvalidInput,
  OrderPaymentInput,
  parseRpc,
  RecordInput,
  RefundInput,
  ReturnRefundInput,
  ReturnWindowInput,
  VoidInput,
} from '../../contract';
import { type AuthorizeResult, authorize } from './authorize';
import { type CaptureResult, capture } from './capture';
import { type CollectResult, collectPayOnDelivery, type RecordResult, recordPayOnDelivery } from './pay-on-delivery';
import { type RefundResult, refund } from './refund';
import { type DeliveredResult, markDelivered, returnWindowDays } from './release';
import { dropReleaseHold, type HoldResult, holdRelease } from './release-holds';
import { type ReturnRefundResult, type ReturnWindowResult, refundReturn, returnWindow } from './return-refund';
import { type VoidResult, voidPayment } from './void';

// The checkout saga's view of payments (docs/checkout.md): each method parses its input (RPC
// skips the HTTP validators), calls one domain function and answers plain data.

type Env = Pick<PaymentsEnv, 'DB' | 'RETURN_WINDOW_DAYS'>;

async function run<S extends z.ZodType, R>(
  schema: S,
  input: unknown,
  call: (data: z.infer<S>) => Promise<R>,
): Promise<R | InvalidInput> {
  const parsed = parseRpc(schema, input);
  return parsed.ok ? call(parsed.data) : parsed;
}

export type OrderPayment = z.input<typeof OrderPaymentInput>;

export const checkoutRpc = {
  authorize: (env: Env, input: OrderPayment): Promise<AuthorizeResult | InvalidInput> =>
    run(OrderPaymentInput, input, (data) => authorize({ db: env.DB }, data)),
  capture: (env: Env, input: z.input<typeof CaptureInput>): Promise<CaptureResult | InvalidInput> =>
    run(CaptureInput, input, (data) => capture({ db: env.DB }, data)),
  void: (env: Env, input: z.input<typeof VoidInput>): Promise<VoidResult | InvalidInput> =>
    run(VoidInput, input, (data) => voidPayment({ db: env.DB }, data)),
  refund: (env: Env, input: z.input<typeof RefundInput>): Promise<RefundResult | InvalidInput> =>
    run(RefundInput, input, (data) => refund({ db: env.DB }, data)),
  record: (env: Env, input: z.input<typeof RecordInput>): Promise<RecordResult | InvalidInput> =>
    run(RecordInput, input, (data) => recordPayOnDelivery({ db: env.DB }, data)),
  collect: (env: Env, input: z.input<typeof CollectInput>): Promise<CollectResult | InvalidInput> =>
    run(CollectInput, input, (data) => collectPayOnDelivery({ db: env.DB }, data)),
  delivered: (env: Env, input: z.input<typeof DeliveredInput>): Promise<DeliveredResult | InvalidInput> =>
    run(DeliveredInput, input, (data) => markDelivered({ db: env.DB }, data, returnWindowDays(env.RETURN_WINDOW_DAYS))),
  returnWindow: (env: Env, input: z.input<typeof ReturnWindowInput>): Promise<ReturnWindowResult | InvalidInput> =>
    run(ReturnWindowInput, input, (data) => returnWindow({ db: env.DB }, data)),
  refundReturn: (env: Env, input: z.input<typeof ReturnRefundInput>): Promise<ReturnRefundResult | InvalidInput> =>
    run(ReturnRefundInput, input, (data) => refundReturn({ db: env.DB }, data)),
  holdRelease: (env: Env, input: z.input<typeof HoldReleaseInput>): Promise<HoldResult | InvalidInput> =>
    run(HoldReleaseInput, input, (data) => holdRelease({ db: env.DB }, data)),
  dropReleaseHold: (env: Env, input: z.input<typeof DropReleaseHoldInput>): Promise<{ ok: true } | InvalidInput> =>
    run(DropReleaseHoldInput, input, (data) => dropReleaseHold({ db: env.DB }, data)),
};
