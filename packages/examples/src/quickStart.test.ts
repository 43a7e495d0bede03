import { expect, it } from 'vitest';
import { main } from './quickStart.js';

it("the README's quick start: a level-1 request recorded under Art. 10(1), an early activation refused under Art. 14(1)", async () => {
  const lines: string[] = [];
  await main((l) => lines.push(l));
  expect(lines).toEqual([
    'AccountRequested: 69/2024/ND-CP Art. 10(1)',
    'refused: there is no granted account to activate (69/2024/ND-CP Art. 14(1)) [NoAccount]',
    'status of an: requested',
  ]);
});
