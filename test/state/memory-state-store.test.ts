import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { stateStoreContract } from './state-store-contract.ts';

stateStoreContract('memory', async (options) => createMemoryStateStore(options));
