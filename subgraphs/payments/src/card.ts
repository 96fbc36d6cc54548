import type { payments } from '@agora/contracts';

/**
 * A card as `authorizePayment` took it, checked by the one card rule of the payments
 * contract (`cardNumber` digits only); only ever passed to the processor, never stored.
 */
export type Card = payments.Card;

/** What payments keeps of a card. */
export interface CardSummary {
  last4: string;
  brand: 'visa' | 'mastercard' | 'card';
}

/** The last four digits and the brand: all that is kept of a card. */
export function summarizeCard(card: Pick<Card, 'cardNumber'>): CardSummary {
  const number = card.cardNumber;
  const brand = number.startsWith('4') ? 'visa' : number.startsWith('5') ? 'mastercard' : 'card';
  return { last4: number.slice(-4), brand };
}
