import { initPhoton } from '@cf-wasm/photon';
import type { MediaHealth } from '../contract';

/** Liveness without decoding anything: photon's module is instantiated at load, so this only reads its memory size. */
export async function mediaHealth(): Promise<MediaHealth> {
  const { memory } = await initPhoton.ensure();
  return { service: 'media', ok: true, wasmMemoryBytes: memory.buffer.byteLength };
}
