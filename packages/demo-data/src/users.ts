import { demoId } from './random';

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  password: string;
  roles: string[];
}

export const DEMO_CUSTOMER: DemoUser = {
  id: demoId(1, 1),
  email: 'customer@agora.dev',
  name: 'Casey Customer',
  password: 'agora-customer',
  roles: ['customer'],
};

export const DEMO_ADMIN: DemoUser = {
  id: demoId(1, 2),
  email: 'admin@agora.dev',
  name: 'Ada Admin',
  password: 'agora-admin',
  roles: ['customer', 'admin'],
};

export const REVIEWER_COUNT = 50;
export const REVIEWER_PASSWORD = 'agora-shopper';

const FIRST = ['Alex', 'Sam', 'Jo', 'Robin', 'Kim', 'Noor', 'Lee', 'Maya', 'Ivo', 'Tess'];
const LAST = ['Park', 'Silva', 'Novak', 'Okafor', 'Berg'];

/** The 50 shoppers who wrote the demo reviews. */
export function reviewers(): DemoUser[] {
  return Array.from({ length: REVIEWER_COUNT }, (_, n) => ({
    id: demoId(1, 100 + n),
    email: `shopper${n + 1}@agora.dev`,
    name: `${FIRST[n % FIRST.length] ?? 'Alex'} ${LAST[Math.floor(n / FIRST.length) % LAST.length] ?? 'Park'}`,
    password: REVIEWER_PASSWORD,
    roles: ['customer'],
  }));
}

export function demoUsers(): DemoUser[] {
  return [DEMO_CUSTOMER, DEMO_ADMIN, ...reviewers()];
}
