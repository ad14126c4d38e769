import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { budgetLedgerContract } from './budget-ledger-contract.ts';

budgetLedgerContract('memory', async (now) => ({ ledger: createMemoryStateStore({ now }), close: async () => {} }));
