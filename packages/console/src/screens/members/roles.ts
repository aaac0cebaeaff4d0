import type { Role } from '@keyward/client';

export const ROLES: Role[] = ['member', 'admin', 'owner'];
