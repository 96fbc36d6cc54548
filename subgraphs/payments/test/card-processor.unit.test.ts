import { SimulatedCardProcessor, TEST_CARDS } from '../src/card-processor';

const card = { cardNumber: TEST_CARDS.approves, expMonth: 12, expYear: 2099, cvc: '123' };

async function hold(processor: SimulatedCardProcessor): Promise<string> {
  const result = await processor.authorize(1500, 'USD', card);
  if (!result.approved) throw new Error('the approving test card was refused');
  return result.reference;
}

describe('the simulated card processor behind two payments replicas', () => {
  it('lets one replica capture and refund a hold the other made', async () => {
    const [first, second] = [new SimulatedCardProcessor(), new SimulatedCardProcessor()];
    const reference = await hold(first);
    await second.capture(reference);
    await second.refund(reference);
    expect(second.stateOf(reference)).toBe('refunded');
  });

  it('still refuses a move out of a state it knows', async () => {
    const processor = new SimulatedCardProcessor();
    const reference = await hold(processor);
    await processor.void(reference);
    await expect(processor.capture(reference)).rejects.toThrow(`cannot move ${reference} from voided to captured`);
  });
});
