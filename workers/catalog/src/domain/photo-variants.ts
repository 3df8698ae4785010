import { AppError, traced } from '@linked-all/http';
import { type ProcessedImage, VariantsAnswer } from '@linked-all/media/contract';
import { callService } from '../service-calls';

/**
 * Every stored width of one upload, encoded by the media worker (photon's wasm lives there, not in
 * the catalog). Its refusals become the AppErrors the pipeline throws, so the answer is the same
 * problem+json as ever: 413 too large, 415 not the type it claims, 400 damaged (naming `body`). An
 * answer outside the contract is a bug and fails as one (500), not as a refusal.
 */
export async function photoVariants(media: CatalogEnv['MEDIA'], bytes: Uint8Array, contentType: string): Promise<ProcessedImage> {
  const answer = VariantsAnswer.parse(await callService('media', () => traced(media).variants({ bytes, contentType })));
  if (!answer.ok) throw new AppError(answer.reason, answer.detail, answer.errors ? { errors: answer.errors } : {});
  return answer.image;
}
