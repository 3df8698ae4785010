import { afterAll } from 'vitest';
import { stopAllStacks } from './stack';

// A stack whose start outlived its file's `beforeAll` limit is never handed to the file's own
// afterAll; stop it here so it does not keep loading the machine under the next files.
afterAll(stopAllStacks);
